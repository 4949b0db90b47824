#include <unistd.h>

#include <fstream>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "build/tree_build.hpp"
#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "manifest/declared_tests.hpp"
#include "report/json_report.hpp"
#include "report/text_report.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

// The last report written by `grader check` for this workspace, if any and readable.
std::map<std::string, ExerciseReport> last_results(const fs::path& build_dir) {
  std::map<std::string, ExerciseReport> by_id;
  std::ifstream in(build_dir / "last-report.json");
  if (!in) return by_id;
  try {
    for (ExerciseReport& e : report_from_json(nlohmann::json::parse(in)).exercises)
      by_id[e.id] = std::move(e);
  } catch (const std::exception&) {
    fmt::print(stderr, "grader: ignoring an unreadable {}; run `grader check` to grade again\n",
               (build_dir / "last-report.json").string());
  }
  return by_id;
}

}  // namespace

int run_list(const GlobalOptions& global, const fs::path& workspace_option) {
  const fs::path workspace =
      workspace_option.empty() ? global.course / "exercises" : workspace_option;
  if (!fs::is_directory(global.course / "exercises")) {
    throw UsageError(fmt::format("'{}' is not a course: it has no exercises/ directory",
                                 global.course.string()));
  }
  const auto last = last_results(default_build_dir(global.course, workspace));
  const bool color = global.use_color(STDOUT_FILENO);

  int score = 0;
  int max_score = 0;
  std::cout << fmt::format("{:<5} {:<28} {:<34} {:<12} {}\n", "day", "exercise", "title", "status",
                           "points");
  for (const CourseEntry& entry : load_course(global.course)) {
    if (!entry.manifest) {
      std::cout << fmt::format("{:<5} {:<28} {}\n", "?", entry.id, entry.error);
      continue;
    }
    const Manifest& m = *entry.manifest;
    const auto it = last.find(m.id);
    std::string status = "not graded";
    int points = 0;
    int total = 0;
    for (const std::string& test : declared_tests(global.course / "grader" / "suites" / m.id))
      total += m.points_for(test);
    if (it != last.end()) {
      status = to_string(it->second.status);
      points = it->second.score;
    }
    score += points;
    max_score += total;
    std::cout << fmt::format("{:<5} {:<28} {:<34} {:<12} {}/{}\n", m.day, m.id, m.title, status,
                             points, total);
  }
  std::cout << fmt::format("\n{}  {}/{} points (as of the last `grader check`)\n",
                           progress_bar(score, max_score, 30, color), score, max_score);
  return 0;
}

}  // namespace grader
