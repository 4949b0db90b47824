#include "report/html_report.hpp"

#include <fmt/format.h>

#include "report/html_page.hpp"
#include "report/markup.hpp"

namespace grader {
namespace {

std::string score_bar(int score, int max_score) {
  return svg_bar(max_score > 0 ? static_cast<double>(score) / max_score : 0.0,
                 fmt::format("{} of {} points", score, max_score));
}

// A test of a refused exercise shows "refused", not its own verdict (which may be forged);
// the exercise's section says why.
std::string test_row(const TestReport& t, bool refused) {
  const char* status = refused ? to_string(ExerciseStatus::refused) : to_string(t.status);
  std::string row = fmt::format(
      "<tr><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}/{}</td>"
      "<td class=\"num\">{:.2f} s</td></tr>\n",
      xml_escape(t.name), status, status, t.score, t.max_score, t.seconds);
  if (!refused && t.status != TestStatus::passed && !t.message.empty())
    row += fmt::format("<tr><td colspan=\"4\"><pre>{}</pre></td></tr>\n", xml_escape(t.message));
  return row;
}

std::string exercise_section(const ExerciseReport& e) {
  std::string out = fmt::format(
      "<section id=\"ex-{0}\">\n<h2>{0} — {1}</h2>\n<p><span class=\"{2}\">{3}</span> "
      "{4}/{5} points {6}</p>\n",
      xml_escape(e.id), xml_escape(e.title), to_string(e.status), status_word(e.status), e.score,
      e.max_score, score_bar(e.score, e.max_score));
  const bool refused = e.status == ExerciseStatus::refused;
  if (refused) {
    out += fmt::format("<p class=\"refused\">Refused, 0 points:</p>\n<pre>{}</pre>\n",
                       xml_escape(e.message));
  } else if (!e.message.empty()) {
    out += fmt::format("<pre>{}</pre>\n", xml_escape(e.message));
  }
  if (!e.build.ok && !e.build.diagnostics.empty())
    out += fmt::format("<p>The exercise did not build:</p>\n<pre>{}</pre>\n",
                       xml_escape(e.build.diagnostics));
  if (!e.tests.empty()) {
    out += "<table>\n<tr><th>Test</th><th>Status</th><th>Points</th><th>Time</th></tr>\n";
    for (const TestReport& t : e.tests) out += test_row(t, refused);
    out += "</table>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string render_html(const Report& report) {
  const int refused = report.exercises_refused();
  std::string body = fmt::format(
      "<h1>Grader report</h1>\n<p>Score <strong>{}/{}</strong> ({:.0f}%), {}/{} exercises "
      "passed{} {}</p>\n<p class=\"meta\">{} · grader {} · {}</p>\n",
      report.score(), report.max_score(), percent_of(report.score(), report.max_score()),
      report.exercises_passed(), report.exercises.size(),
      refused > 0 ? fmt::format(", <span class=\"refused\">{} refused</span>", refused) : "",
      score_bar(report.score(), report.max_score()), xml_escape(report.workspace),
      xml_escape(report.tool_version), xml_escape(report.compiler));
  body +=
      "<table>\n<tr><th>Exercise</th><th>Title</th><th>Status</th><th>Points</th>"
      "<th>Score</th></tr>\n";
  for (const ExerciseReport& e : report.exercises) {
    body += fmt::format(
        "<tr><td><a href=\"#ex-{0}\">{0}</a></td><td>{1}</td><td class=\"{2}\">{3}</td>"
        "<td class=\"num\">{4}/{5}</td><td>{6}</td></tr>\n",
        xml_escape(e.id), xml_escape(e.title), to_string(e.status), status_word(e.status), e.score,
        e.max_score, score_bar(e.score, e.max_score));
  }
  body += "</table>\n";
  for (const ExerciseReport& e : report.exercises) body += exercise_section(e);
  return html_page("Grader report", body);
}

}  // namespace grader
