#include "commands/visible_grading.hpp"

#include "release/course_kind.hpp"

namespace grader {

namespace fs = std::filesystem;

const char* const kVisibleOnlyNotice =
    "visible tests only: this release withholds the hidden tests, which are graded by the "
    "instructor";

std::vector<SuiteVariant> graded_variants(const fs::path& course, const Manifest& manifest) {
  if (has_hidden_suites(course)) return suite_variants(manifest);
  return {SuiteVariant{manifest.sanitizers.front(), "visible-" + manifest.id}};
}

fs::path graded_tests_dir(const fs::path& course, const std::string& id) {
  if (has_hidden_suites(course)) return course / "grader" / "suites" / id;
  return course / "exercises" / id / "tests";
}

std::string visible_only_line(const fs::path& course) {
  return has_hidden_suites(course) ? "" : std::string(kVisibleOnlyNotice) + "\n";
}

void note_visible_only(const fs::path& course, Report& report) {
  if (has_hidden_suites(course)) return;
  for (ExerciseReport& e : report.exercises) {
    e.message =
        e.message.empty() ? kVisibleOnlyNotice : std::string(kVisibleOnlyNotice) + "; " + e.message;
  }
}

}  // namespace grader
