// `grader check [IDS]`: build, run and score the hidden suites; print or write the report.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "commands/table.hpp"
#include "grading/grade.hpp"
#include "model/report_json.hpp"
#include "report/formats.hpp"
#include "report/text_report.hpp"
#include "state/last_report.hpp"
#include "state/progress.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

struct CheckOptions {
  std::vector<std::string> ids;
  fs::path workspace;           ///< empty: <course>/exercises
  fs::path build_dir;           ///< empty: the default for the workspace
  std::string format = "text";  ///< a name parse_report_format accepts
  fs::path output;              ///< empty: standard output
  double fail_under = -1;       ///< percent; negative: no threshold
  bool no_cache = false;        ///< run every suite even when it did not change
  bool sandbox = false;         ///< build and run inside bubblewrap (see sandbox/)
};

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
void remember_passes(const Context& context, const fs::path& workspace, const Report& report) {
  std::error_code ec;
  if (!fs::equivalent(workspace, context.course.root() / "exercises", ec)) return;
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

// Writes the report: with --output, the chosen format to the file and the text summary to
// the terminal; without, the chosen format to stdout (text in colour on a terminal).
void write_report(const Context& context, const CheckOptions& options, const Report& report,
                  ReportFormat format) {
  const std::string text =
      render_text(report, TextStyle{.color = context.use_color(STDOUT_FILENO)}) +
      context.course.visible_only_line();
  if (!options.output.empty()) {
    write_atomically(options.output, render_report(report, format));
    std::cout << text;
  } else {
    std::cout << (format == ReportFormat::text ? text : render_report(report, format));
  }
}

int run_check(const Context& context, const CheckOptions& options) {
  const std::optional<ReportFormat> format = parse_report_format(options.format);
  if (!format) {
    throw UsageError(fmt::format("unknown --format '{}': expected one of {}", options.format,
                                 format_names(", ")));
  }
  const GradeRequest request{.project = context.project,
                             .workspace = context.workspace_or_default(options.workspace),
                             .build_dir = options.build_dir,
                             .ids = options.ids,
                             .use_cache = !options.no_cache,
                             .sandbox = options.sandbox,
                             .progress = progress_printer()};
  const Report report = grade(context.course, request);
  clear_progress();
  remember_passes(context, request.workspace, report);
  // The last report of a workspace, for `grader list`.
  record_last_report(build_dir_for(context.course, request), report);
  write_report(context, options, report, *format);
  const double percent = report.percent();
  if (options.fail_under >= 0 && percent < options.fail_under) {
    fmt::print(stderr, "grader: score {:.1f}% is under --fail-under {}%\n", percent,
               options.fail_under);
    return 1;
  }
  return 0;
}

}  // namespace

CommandRun declare_check(Options& options) {
  auto values = std::make_shared<CheckOptions>();
  options.texts("ids", values->ids,
                "exercises to grade, e.g. 2, 02 or 02-tracking-allocator (default: all)");
  options.path("--workspace", values->workspace, "the tree graded (default: exercises/)");
  options.path("--build-dir", values->build_dir, "where to build it (default: build/trees/<tree>)");
  options.flag("--sandbox", values->sandbox,
               "build and run the submission inside bubblewrap: no network, only its "
               "build and scratch directories writable, no solutions or hidden suites");
  options.text("--format", values->format, format_names(", "));
  options.path("--output", values->output,
               "write the report here (atomically) instead of standard output");
  options.percent("--fail-under", values->fail_under,
                  "exit 1 when the score is under this percentage");
  options.flag("--no-cache", values->no_cache,
               "run every suite, even those whose code did not change");
  return [values](const Context& context) { return run_check(context, *values); };
}

}  // namespace grader
