#include "report/junit_report.hpp"

#include <fmt/format.h>

#include "report/markup.hpp"

namespace grader {
namespace {

// The counts a <testsuite> or <testsuites> element carries.
struct Tally {
  int tests = 0;
  int failures = 0;
  int errors = 0;
  int skipped = 0;
  double seconds = 0;

  Tally& operator+=(const Tally& other) {
    tests += other.tests;
    failures += other.failures;
    errors += other.errors;
    skipped += other.skipped;
    seconds += other.seconds;
    return *this;
  }
};

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// An element that reports why a test did not pass: <failure>, <error> or <skipped>.
std::string outcome(const char* element, const char* type, const std::string& message) {
  return fmt::format("      <{} type=\"{}\" message=\"{}\">{}</{}>\n", element, type,
                     xml_escape(first_line(message)), xml_escape(message), element);
}

std::string testcase_element(const std::string& classname, const TestReport& t,
                             const std::string& outcome_element) {
  const std::string open = fmt::format(R"(    <testcase classname="{}" name="{}" time="{:.3f}")",
                                       xml_escape(classname), xml_escape(t.name), t.seconds);
  return outcome_element.empty() ? open + "/>\n"
                                 : open + ">\n" + outcome_element + "    </testcase>\n";
}

std::string testcase(const std::string& classname, const TestReport& t, Tally& tally) {
  ++tally.tests;
  tally.seconds += t.seconds;
  std::string body;
  switch (t.status) {
    case TestStatus::passed:
      break;
    case TestStatus::failed:
    case TestStatus::crashed:
    case TestStatus::timeout:
    case TestStatus::sanitizer:
      ++tally.failures;
      body = outcome("failure", to_string(t.status), t.message);
      break;
    case TestStatus::skipped:
      ++tally.skipped;
      body = outcome("skipped", to_string(t.status), t.message);
      break;
    case TestStatus::not_run:
      ++tally.errors;
      body = outcome("error", to_string(t.status), t.message);
      break;
  }
  return testcase_element(classname, t, body);
}

// Every test of a refused exercise is an error carrying the exercise's reason, whatever its
// own verdict: a test that passed may have been forged, and CI must not show it green.
std::string refused_testcase(const ExerciseReport& e, const TestReport& t, Tally& tally) {
  ++tally.tests;
  ++tally.errors;
  tally.seconds += t.seconds;
  return testcase_element(e.id, t, outcome("error", to_string(ExerciseStatus::refused), e.message));
}

std::string testsuite(const ExerciseReport& e, Tally& total) {
  Tally tally;
  std::string cases;
  const bool refused = e.status == ExerciseStatus::refused;
  for (const TestReport& t : e.tests)
    cases += refused ? refused_testcase(e, t, tally) : testcase(e.id, t, tally);
  if (e.tests.empty() && e.status != ExerciseStatus::passed) {
    // Nothing was graded: one error so CI shows the exercise as broken, not as empty.
    TestReport stand_in{e.id, TestStatus::not_run, 0, 0, e.message, 0};
    if (stand_in.message.empty()) stand_in.message = to_string(e.status);
    if (e.status == ExerciseStatus::build_error) stand_in.message = "the exercise did not build";
    cases += refused ? refused_testcase(e, stand_in, tally) : testcase(e.id, stand_in, tally);
  }
  std::string system_err;
  if (!e.build.ok && !e.build.diagnostics.empty())
    system_err = "    <system-err>" + xml_escape(e.build.diagnostics) + "</system-err>\n";
  total += tally;
  return fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n{}{}  </testsuite>\n",
      xml_escape(e.id), tally.tests, tally.failures, tally.errors, tally.skipped, tally.seconds,
      cases, system_err);
}

}  // namespace

std::string render_junit(const Report& report) {
  Tally total;
  std::string suites;
  for (const ExerciseReport& e : report.exercises) suites += testsuite(e, total);
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"grader\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n{}</testsuites>\n",
      total.tests, total.failures, total.errors, total.skipped, total.seconds, suites);
}

}  // namespace grader
