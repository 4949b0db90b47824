// report/junit_report.hpp — the report as JUnit XML, the format CI servers (Jenkins,
// GitLab, GitHub test reporters) read.
#pragma once

#include <string>

#include "model/report.hpp"

namespace grader {

/// Returns: a <testsuites> document: one <testsuite> per exercise (name = exercise id)
/// and one <testcase> per hidden test (classname = exercise id, name = test name, time
/// in seconds). failed, crashed, timeout and sanitizer tests carry a <failure> (type =
/// the status, message = its first line, text = the whole message), skipped ones a
/// <skipped>, tests not run (a build error, a suite that stopped) an <error>; a suite
/// whose exercise did not build has the compiler diagnostics in <system-err>; an
/// exercise graded on no test at all gets one <testcase> named after it with an
/// <error>. Every testcase of a refused exercise (or its one stand-in) is an <error
/// type="refused"> with the reason, whatever its test's verdict. Every string is escaped
/// and stripped of what XML 1.0 forbids.
std::string render_junit(const Report& report);

}  // namespace grader
