// The class summary as HTML and Markdown (declared in report/class_summary.hpp;
// summarize_class lives in class_summary.cpp).
#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "report/class_summary.hpp"
#include "report/html_page.hpp"
#include "report/markup.hpp"

namespace grader {
namespace {

constexpr std::size_t kBins = 10;  // 0-10%, 10-20%, ..., 90-100% (100% falls in the last)

std::array<int, kBins> histogram(const std::vector<double>& percents) {
  std::array<int, kBins> counts{};
  for (const double p : percents) {
    const double clamped = std::isfinite(p) ? std::clamp(p, 0.0, 100.0) : 0.0;
    ++counts[std::min(kBins - 1, static_cast<std::size_t>(clamped / 10))];
  }
  return counts;
}

std::string bin_label(std::size_t bin) {
  return fmt::format("{}–{}%", bin * 10, bin + 1 == kBins ? 100 : bin * 10 + 10);
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  double sum = 0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// Returns: the student's score on exercise `id`, as "score/max" ("0/max refused" when it
// was refused), or "—" when absent.
std::string exercise_cell(const Report& report, const std::string& id) {
  for (const ExerciseReport& e : report.exercises) {
    if (e.id != id) continue;
    return fmt::format("{}/{}{}", e.score, e.max_score,
                       e.status == ExerciseStatus::refused ? " refused" : "");
  }
  return "—";
}

std::string rate_text(const TestPassRate& rate) {
  return fmt::format("{}/{} ({:.0f}%)", rate.passed, rate.graded,
                     percent_of(rate.passed, rate.graded));
}

std::string headline(const ClassSummary& summary) {
  return fmt::format("{} students, {} graded, mean score {:.1f}%, {} exercises refused",
                     summary.students.size(), summary.percents.size(), mean(summary.percents),
                     summary.refusals.size());
}

// The exercises refused at least once, in course order: the rows of the per-exercise counts.
std::vector<std::string> refused_exercise_ids(const ClassSummary& summary) {
  std::vector<std::string> ids;
  for (const std::string& id : summary.exercise_ids) {
    if (refusals_of(summary, id) > 0) ids.push_back(id);
  }
  return ids;
}

constexpr std::string_view kNoRefusal = "No exercise was refused.";

// ---- HTML ----

std::string svg_histogram(const std::array<int, kBins>& counts) {
  constexpr int kWidth = 600;
  constexpr int kHeight = 200;
  constexpr int kBase = 170;  // y of the axis; labels below it, counts above the columns
  const int highest = std::max(1, *std::max_element(counts.begin(), counts.end()));
  const int column = kWidth / static_cast<int>(kBins);
  std::string bars;
  for (std::size_t bin = 0; bin < kBins; ++bin) {
    const double height = 140.0 * counts[bin] / highest;
    const int x = static_cast<int>(bin) * column;
    bars += fmt::format(
        "<rect class=\"column\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\">"
        "<title>{}: {} students</title></rect>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
        x + 4, kBase - height, column - 8, height, bin_label(bin), counts[bin], x + column / 2,
        kBase - height - 4, counts[bin], x + column / 2, kBase + 16, bin_label(bin));
  }
  return fmt::format(
      "<svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"score histogram\">\n{2}<line x1=\"0\" y1=\"{3}\" x2=\"{0}\" y2=\"{3}\" "
      "stroke=\"#59636e\"/>\n</svg>\n",
      kWidth, kHeight, bars, kBase);
}

std::string students_html(const ClassSummary& summary) {
  std::string out = "<table>\n<tr><th>Student</th><th>Score</th><th>%</th><th>Passed</th>";
  for (const std::string& id : summary.exercise_ids) out += "<th>" + xml_escape(id) + "</th>";
  out += "</tr>\n";
  for (const StudentResult& s : summary.students) {
    out += "<tr><td>" + xml_escape(s.student) + "</td>";
    if (!s.report) {
      out += fmt::format("<td colspan=\"{}\" class=\"refused\">refused: {}</td></tr>\n",
                         3 + summary.exercise_ids.size(), xml_escape(s.refused));
      continue;
    }
    const Report& r = *s.report;
    out += fmt::format(
        "<td class=\"num\">{}/{}</td><td class=\"num\">{:.1f}</td><td class=\"num\">{}/{}</td>",
        r.score(), r.max_score(), percent_of(r.score(), r.max_score()), r.exercises_passed(),
        r.exercises.size());
    for (const std::string& id : summary.exercise_ids)
      out += "<td class=\"num\">" + exercise_cell(r, id) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string pass_rates_html(const ClassSummary& summary) {
  std::string out =
      "<table>\n<tr><th>Exercise</th><th>Test</th><th>Passed</th><th>Pass rate</th></tr>\n";
  for (const TestPassRate& rate : summary.pass_rates) {
    const double fraction = rate.graded > 0 ? static_cast<double>(rate.passed) / rate.graded : 0;
    out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                       xml_escape(rate.exercise_id), xml_escape(rate.test), rate_text(rate),
                       svg_bar(fraction, rate_text(rate), 120));
  }
  return out + "</table>\n";
}

// How many students each exercise was refused for, then who was refused and why.
std::string refusals_html(const ClassSummary& summary) {
  if (summary.refusals.empty()) return fmt::format("<p>{}</p>\n", kNoRefusal);
  std::string out = "<table>\n<tr><th>Exercise</th><th>Students refused</th></tr>\n";
  for (const std::string& id : refused_exercise_ids(summary)) {
    out += fmt::format("<tr><td>{}</td><td class=\"num refused\">{}</td></tr>\n", xml_escape(id),
                       refusals_of(summary, id));
  }
  out += "</table>\n<table>\n<tr><th>Student</th><th>Exercise</th><th>Reason</th></tr>\n";
  for (const ExerciseRefusal& r : summary.refusals) {
    out += fmt::format("<tr><td>{}</td><td class=\"refused\">{}</td><td>{}</td></tr>\n",
                       xml_escape(r.student), xml_escape(r.exercise_id), xml_escape(r.reason));
  }
  return out + "</table>\n";
}

// ---- Markdown ----

// The Markdown rows of the refused exercises, in the order refusals_html shows them.
std::vector<std::string> refusals_markdown(const ClassSummary& summary) {
  if (summary.refusals.empty()) return {fmt::format("\n### Refused exercises\n\n{}\n", kNoRefusal)};
  std::vector<std::string> rows = {
      "\n### Refused exercises\n\n| Exercise | Students refused |\n|---|---:|\n"};
  for (const std::string& id : refused_exercise_ids(summary))
    rows.push_back(fmt::format("| {} | {} |\n", markdown_cell(id), refusals_of(summary, id)));
  rows.emplace_back("\n| Student | Exercise | Reason |\n|---|---|---|\n");
  for (const ExerciseRefusal& r : summary.refusals) {
    rows.push_back(fmt::format("| {} | {} | {} |\n", markdown_cell(r.student),
                               markdown_cell(r.exercise_id), markdown_cell(r.reason)));
  }
  return rows;
}

std::string histogram_markdown(const std::array<int, kBins>& counts) {
  std::string out = "| Score | Students | |\n|---|---:|---|\n";
  for (std::size_t bin = 0; bin < kBins; ++bin) {
    std::string bar;
    for (int i = 0; i < std::min(counts[bin], 50); ++i) bar += "█";
    out += fmt::format("| {} | {} | {} |\n", bin_label(bin), counts[bin], bar);
  }
  return out;
}

}  // namespace

std::string render_class_html(const ClassSummary& summary) {
  std::string body = fmt::format(
      "<h1>Class summary</h1>\n<p>{}</p>\n<h2>Score distribution</h2>\n{}"
      "<h2>Students</h2>\n{}<h2>Refused exercises</h2>\n{}<h2>Pass rate per test</h2>\n{}",
      xml_escape(headline(summary)), svg_histogram(histogram(summary.percents)),
      students_html(summary), refusals_html(summary), pass_rates_html(summary));
  if (summary.similarity) body += "<h2>Similarity</h2>\n" + similarity_html(*summary.similarity);
  return html_page("Class summary", body);
}

std::string render_class_markdown(const ClassSummary& summary) {
  constexpr std::size_t kNoteRoom = 200;
  constexpr std::size_t kLimit = kMarkdownLimit - kNoteRoom;
  std::string out = fmt::format("## Class summary\n\n{}.\n\n### Score distribution\n\n{}\n",
                                headline(summary), histogram_markdown(histogram(summary.percents)));
  std::size_t left_out = 0;
  const auto add = [&](const std::string& row) {
    if (left_out > 0 || !append_within(out, row, kLimit)) ++left_out;
  };
  add("### Students\n\n| Student | Score | % | Exercises passed |\n|---|---:|---:|---:|\n");
  for (const StudentResult& s : summary.students) {
    if (!s.report) {
      add(fmt::format("| {} | refused: {} | | |\n", markdown_cell(s.student),
                      markdown_cell(s.refused)));
      continue;
    }
    const Report& r = *s.report;
    add(fmt::format("| {} | {}/{} | {:.1f} | {}/{} |\n", markdown_cell(s.student), r.score(),
                    r.max_score(), percent_of(r.score(), r.max_score()), r.exercises_passed(),
                    r.exercises.size()));
  }
  for (const std::string& row : refusals_markdown(summary)) add(row);
  add("\n### Pass rate per test\n\n| Exercise | Test | Passed |\n|---|---|---:|\n");
  for (const TestPassRate& rate : summary.pass_rates) {
    add(fmt::format("| {} | {} | {} |\n", markdown_cell(rate.exercise_id), markdown_cell(rate.test),
                    rate_text(rate)));
  }
  if (left_out > 0)
    out += fmt::format("\n_{} rows left out: a step summary must stay under 1 MiB._\n", left_out);
  return out;
}

}  // namespace grader
