// release/course_kind.hpp — what a course ships: an instructor's checkout has solutions/
// and grader/suites/; a student release (`grader export`) has no solutions/, and no
// grader/suites/ either when exported with --withhold-hidden.
#pragma once

#include <filesystem>
#include <string>

namespace grader {

/// Returns: whether `course` holds its hidden suites (grader/suites/).
bool has_hidden_suites(const std::filesystem::path& course);

/// Requires: `command` names the grader command asking, e.g. "verify".
/// Throws: UsageError (one line) when `course` has no solutions/, as in a student release.
void require_solutions(const std::filesystem::path& course, const std::string& command);

}  // namespace grader
