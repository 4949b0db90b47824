#include "release/course_kind.hpp"

#include <fmt/format.h>

#include "commands/grading.hpp"

namespace grader {

namespace fs = std::filesystem;

bool has_hidden_suites(const fs::path& course) {
  return fs::is_directory(course / "grader" / "suites");
}

void require_solutions(const fs::path& course, const std::string& command) {
  if (fs::is_directory(course / "solutions")) return;
  throw UsageError(fmt::format(
      "`grader {}` needs the reference solutions, and '{}' has no solutions/ (a student "
      "release does not ship them)",
      command, course.string()));
}

}  // namespace grader
