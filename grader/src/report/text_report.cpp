#include "report/text_report.hpp"

#include <cmath>

#include <fmt/color.h>
#include <fmt/format.h>

#include "util/text.hpp"

namespace grader {
namespace {

constexpr std::size_t kFailureLines = 40;         // the first problem's text, nearly in full
constexpr std::size_t kOtherFailuresListed = 10;  // the other failing tests named after it

std::string paint(const std::string& text, fmt::terminal_color color, bool enabled) {
  return enabled ? fmt::format(fmt::fg(color), "{}", text) : text;
}

std::string indent(const std::string& text) {
  std::string out = "      ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "      ";
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

// The failing tests after the first, worth the most first: "also failing (N): A.B (2 points),
// ..." on one line, the first kOtherFailuresListed of them named.
std::string other_failures(const ExerciseReport& e) {
  const std::vector<const TestReport*> failing = failing_tests(e);
  if (failing.size() < 2) return "";
  std::string names;
  for (std::size_t i = 1; i < failing.size() && i <= kOtherFailuresListed; ++i) {
    names += fmt::format("{}{} ({} point{})", i == 1 ? "" : ", ", failing[i]->name,
                         failing[i]->max_score, failing[i]->max_score == 1 ? "" : "s");
  }
  const std::size_t unnamed =
      failing.size() - 1 - std::min(failing.size() - 1, kOtherFailuresListed);
  return fmt::format("\nalso failing ({}): {}{}", failing.size() - 1, names,
                     unnamed > 0 ? fmt::format(", and {} more", unnamed) : "");
}

// The one thing a learner should read first about a failing exercise.
std::string first_failure(const ExerciseReport& e) {
  const FirstProblem problem = first_problem(e, kFailureLines);
  if (e.status == ExerciseStatus::refused) return "refused, 0 points: " + problem.text;
  if (problem.build_error) return "build error:\n" + problem.text;
  if (problem.test != nullptr)
    return fmt::format("{} — {}:\n{}{}", problem.test->name, to_string(problem.test->status),
                       problem.text, other_failures(e));
  return problem.text;
}

}  // namespace

std::string progress_bar(int done, int total, int width, bool color) {
  const double fraction = total > 0 ? static_cast<double>(done) / total : 0.0;
  const int filled = static_cast<int>(std::lround(fraction * width));
  const std::string bar = std::string(filled, '#') + std::string(width - filled, '.');
  return fmt::format("[{}] {:3.0f}%", paint(bar, fmt::terminal_color::green, color),
                     fraction * 100);
}

std::string render_text(const Report& report, const TextStyle& style) {
  std::string out;
  for (const ExerciseReport& e : report.exercises) {
    const bool passed = e.status == ExerciseStatus::passed;
    const std::string mark = passed ? paint("PASS", fmt::terminal_color::green, style.color)
                                    : paint(e.status == ExerciseStatus::failed ? "FAIL" : "----",
                                            fmt::terminal_color::red, style.color);
    const std::string status = passed ? "" : fmt::format(" ({})", to_string(e.status));
    out += fmt::format("{} {:<28} {:<34} {:>3}/{:<3}{}\n", mark, e.id, e.title, e.score,
                       e.max_score, status);
    // Why an exercise was refused is shown even without details: 0 points needs a reason.
    if (!passed && (style.details || e.status == ExerciseStatus::refused)) {
      const std::string failure = first_failure(e);
      if (!failure.empty()) out += indent(failure) + "\n";
    }
    // A skipped test is shown even without details: it is why this total differs elsewhere.
    for (const TestReport& t : e.tests) {
      if (t.status == TestStatus::skipped)
        out += indent(fmt::format("skipped: {} — {}", t.name, t.message)) + "\n";
    }
  }
  const int refused = report.exercises_refused();
  out +=
      fmt::format("\n{}  {}/{} points, {}/{} exercises passed{}\n",
                  progress_bar(report.score(), report.max_score(), kProgressBarWidth, style.color),
                  report.score(), report.max_score(), report.exercises_passed(),
                  report.exercises.size(), refused > 0 ? fmt::format(", {} refused", refused) : "");
  return out;
}

}  // namespace grader
