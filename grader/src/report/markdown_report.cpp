#include "report/markdown_report.hpp"

#include <fmt/format.h>

#include "report/markup.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

constexpr std::size_t kFailuresShown = 3;  // per exercise: the first ones matter most
constexpr std::size_t kLines = 30;
constexpr std::size_t kBytes = 4000;
constexpr std::size_t kNoteRoom = 200;  // for the closing "left out" note

std::string details(const ExerciseReport& e) {
  std::string body;
  if (e.status == ExerciseStatus::build_error) {
    body = "The exercise did not build:\n\n" +
           markdown_code_block(excerpt(first_error(e.build.diagnostics, kLines), kLines, kBytes));
  } else if (e.status == ExerciseStatus::not_run) {
    body = "Not run: " + markdown_cell(e.message) + "\n";
  } else if (e.status == ExerciseStatus::refused) {
    body = "Refused, 0 points: " + markdown_cell(e.message) + "\n";
  }
  std::size_t shown = 0;
  std::size_t failing = 0;
  for (const TestReport& t : e.tests) {
    if (t.status == TestStatus::passed || t.status == TestStatus::skipped) continue;
    // A build error's tests were not run, a refused exercise's may be forged: nothing to add.
    if (e.status == ExerciseStatus::build_error || e.status == ExerciseStatus::refused) break;
    if (++failing > kFailuresShown) continue;
    ++shown;
    body += fmt::format(
        "**{}** — {} ({}/{})\n\n{}\n", markdown_cell(t.name), to_string(t.status), t.score,
        t.max_score,
        t.message.empty() ? "" : markdown_code_block(excerpt(t.message, kLines, kBytes)));
  }
  if (failing > shown) body += fmt::format("… and {} more failing tests.\n", failing - shown);
  return fmt::format("<details><summary>{} {} — {}/{} points</summary>\n\n{}\n</details>\n\n",
                     status_badge(e.status), xml_escape(e.id), e.score, e.max_score, body);
}

}  // namespace

std::string status_badge(ExerciseStatus status) {
  switch (status) {
    case ExerciseStatus::passed:
      return "✅ passed";
    case ExerciseStatus::failed:
      return "❌ failed";
    case ExerciseStatus::build_error:
      return "🛠️ build error";
    case ExerciseStatus::not_run:
      return "⚠️ not run";
    case ExerciseStatus::refused:
      return "🚫 refused";
  }
  return "⚠️ not run";
}

std::string render_markdown(const Report& report) {
  const int refused = report.exercises_refused();
  std::string out = fmt::format(
      "## Grader: {}/{} points ({:.0f}%)\n\n{}/{} exercises passed{}.\n\n"
      "| Exercise | Title | Status | Points |\n|---|---|---|---:|\n",
      report.score(), report.max_score(), percent_of(report.score(), report.max_score()),
      report.exercises_passed(), report.exercises.size(),
      refused > 0 ? fmt::format(", {} refused", refused) : "");
  std::size_t left_out = 0;
  for (const ExerciseReport& e : report.exercises) {
    const std::string row =
        fmt::format("| {} | {} | {} | {}/{} |\n", markdown_cell(e.id), markdown_cell(e.title),
                    status_badge(e.status), e.score, e.max_score);
    if (!append_within(out, row, kMarkdownLimit - kNoteRoom)) ++left_out;
  }
  out += "\n";
  for (const ExerciseReport& e : report.exercises) {
    if (e.status == ExerciseStatus::passed) continue;
    if (left_out > 0 || !append_within(out, details(e), kMarkdownLimit - kNoteRoom)) ++left_out;
  }
  if (left_out > 0)
    out += fmt::format("_{} rows or details left out: a step summary must stay under 1 MiB._\n",
                       left_out);
  return out;
}

}  // namespace grader
