#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "commands/visible_grading.hpp"
#include "report/formats.hpp"
#include "report/json_report.hpp"
#include "report/text_report.hpp"
#include "state/progress.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

// Progress on stderr: one line rewritten in place on a terminal, plain lines otherwise.
std::function<void(const std::string&)> progress_printer() {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  return [terminal](const std::string& line) {
    if (terminal) {
      fmt::print(stderr, "\r\033[K{}", line);
    } else {
      fmt::print(stderr, "{}\n", line);
    }
    std::fflush(stderr);
  };
}

// Passing exercises unlock `grader solution`; remembered in the learner's progress file.
// Only the learner's own exercises/ has one: a submission graded by an instructor (maybe
// read-only) is never written to.
void remember_passes(const GlobalOptions& global, const fs::path& workspace, const Report& report) {
  std::error_code ec;
  if (!fs::equivalent(workspace, global.course / "exercises", ec)) return;
  LoadedProgress loaded = load_progress(workspace);
  if (loaded.warning) fmt::print(stderr, "grader: {}\n", *loaded.warning);
  bool changed = static_cast<bool>(loaded.warning);
  for (const ExerciseReport& e : report.exercises) {
    if (e.status == ExerciseStatus::passed)
      changed = loaded.progress.passed.insert(e.id).second || changed;
  }
  if (!changed) return;
  try {
    save_progress(workspace, loaded.progress);
  } catch (const std::exception& e) {
    fmt::print(stderr, "grader: warning: progress not saved: {}\n", e.what());
  }
}

void clear_progress() {
  if (isatty(STDERR_FILENO) != 0) fmt::print(stderr, "\r\033[K");
}

}  // namespace

int run_check(const GlobalOptions& global, const CheckOptions& options) {
  const std::optional<ReportFormat> format = parse_report_format(options.format);
  if (!format) {
    throw UsageError(fmt::format("unknown --format '{}': expected one of {}", options.format,
                                 format_names(", ")));
  }
  GradeRequest request;
  request.project = global.project;
  request.course = global.course;
  request.workspace = options.workspace.empty() ? global.course / "exercises" : options.workspace;
  request.build_dir = options.build_dir;
  request.ids = options.ids;
  request.use_cache = !options.no_cache;
  request.sandbox = options.sandbox;
  request.progress = progress_printer();
  const Report report = grade(request);
  clear_progress();

  remember_passes(global, request.workspace, report);
  // The last report of a workspace, for `grader list`. Only when grading everything,
  // so a check of one exercise does not forget the others.
  if (options.ids.empty())
    write_atomically(build_dir_for(request) / "last-report.json", dump_json(to_json(report)));

  // With --output the chosen format goes to the file and the person at the terminal
  // still gets the text summary; without it, the chosen format goes to stdout (text in
  // colour when stdout is a terminal).
  const std::string text = render_text(report, TextStyle{global.use_color(STDOUT_FILENO), true}) +
                           visible_only_line(global.course);
  if (!options.output.empty()) {
    write_atomically(options.output, render_report(report, *format));
    std::cout << text;
  } else {
    std::cout << (*format == ReportFormat::text ? text : render_report(report, *format));
  }

  const double percent = report.max_score() > 0 ? 100.0 * report.score() / report.max_score() : 0;
  if (options.fail_under >= 0 && percent < options.fail_under) {
    fmt::print(stderr, "grader: score {:.1f}% is under --fail-under {}%\n", percent,
               options.fail_under);
    return 1;
  }
  return 0;
}

}  // namespace grader
