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

int show_list(const Context& context, const fs::path& workspace) {
  const Course& course = context.course;
  const auto last = last_results(default_build_dir(course.root(), workspace));
  int score = 0;
  int max_score = 0;
  std::cout << list_row("day", "exercise", "title", "status", "points");
  for (const CourseEntry& entry : course.entries()) {
    if (!entry.manifest) {
      std::cout << fmt::format("{:<5} {:<26} {}\n", "?", entry.id, entry.error);
      continue;
    }
    const Manifest& m = *entry.manifest;
    const auto it = last.find(m.id);
    const std::string status = it != last.end() ? to_string(it->second.status) : "not graded";
    const int points = it != last.end() ? it->second.score : 0;
    const int total = course.max_score(entry);
    score += points;
    max_score += total;
    std::cout << list_row(m.day, m.id, m.title, status, fmt::format("{}/{}", points, total));
  }
  std::cout << fmt::format(
      "\n{}  {}/{} points (at the last `grader check`)\n",
      progress_bar(score, max_score, kProgressBarWidth, context.use_color(STDOUT_FILENO)), score,
      max_score);
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
