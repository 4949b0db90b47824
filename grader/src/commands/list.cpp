// `grader list`: every exercise with its day, last known status and points.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "build/tree_build.hpp"
#include "commands/learner_views.hpp"
#include "commands/table.hpp"
#include "report/text_report.hpp"
#include "state/last_report.hpp"
#include "util/text.hpp"

namespace grader {

namespace fs = std::filesystem;

constexpr std::size_t kTitleWidth = 24;

// One row of `grader list`, within 80 characters: the longest id fits its column, and a
// title longer than kTitleWidth is cut with an ellipsis.
std::string list_row(std::string_view day, std::string_view id, std::string_view title,
                     std::string_view status, std::string_view points) {
  return fmt::format("{:<5} {:<26} {:<24} {:<11} {}\n", day, id, fit_column(title, kTitleWidth),
                     status, points);
}

// Returns: the points of `graded`'s skipped tests. `check` leaves them out of its totals (the
// suite skips a test when a tool it needs is missing here), so `list` does too.
int skipped_points(const Manifest& m, const ExerciseReport& graded) {
  int points = 0;
  for (const TestReport& t : graded.tests)
    if (t.status == TestStatus::skipped) points += m.points.for_test(t.name);
  return points;
}

// Returns: the last line of `grader list`: the progress bar and totals, and what skipped
// tests leave out of them.
std::string list_footer(const Context& context, int score, int max_score, int skipped) {
  std::string footer = fmt::format(
      "\n{}  {}/{} points (at the last `grader check`)\n",
      progress_bar(score, max_score, kProgressBarWidth, context.use_color(STDOUT_FILENO)), score,
      max_score);
  if (skipped > 0) {
    footer += fmt::format(
        "* {} point{} of skipped tests not counted here; `grader check ID` says which tool they "
        "need\n",
        skipped, skipped == 1 ? "" : "s");
  }
  return footer;
}

int show_list(const Context& context, const fs::path& workspace) {
  const Course& course = context.course;
  const auto last = last_results(default_build_dir(course.root(), workspace));
  int score = 0;
  int max_score = 0;
  int skipped = 0;
  std::cout << list_row("day", "exercise", "title", "status", "points");
  for (const CourseEntry& entry : course.entries()) {
    if (!entry.manifest) {
      std::cout << fmt::format("{:<5} {:<26} {}\n", "?", entry.id, entry.error);
      continue;
    }
    const Manifest& m = *entry.manifest;
    const auto it = last.find(m.id);
    const bool graded = it != last.end();
    const std::string status = graded ? to_string(it->second.status) : "not graded";
    const int points = graded ? it->second.score : 0;
    const int not_counted = graded ? skipped_points(m, it->second) : 0;
    const int total = course.max_score(entry) - not_counted;
    score += points;
    max_score += total;
    skipped += not_counted;
    std::cout << list_row(m.day, m.id, m.title, status,
                          fmt::format("{}/{}{}", points, total, not_counted > 0 ? "*" : ""));
  }
  std::cout << list_footer(context, score, max_score, skipped);
  return 0;
}

CommandRun declare_list(Options& options) {
  auto workspace = std::make_shared<fs::path>();
  options.path("--workspace", *workspace,
               "the tree whose last grades are shown (default: exercises/)");
  return [workspace](const Context& context) {
    return show_list(context, context.workspace_or_default(*workspace));
  };
}

}  // namespace grader
