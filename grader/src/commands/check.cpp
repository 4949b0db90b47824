// `grader check [IDS]`: build, run and score the hidden suites; print or write the report.
// With --submission, the tree graded is one student's submission (a directory or an
// archive) staged over the stubs by the same intake as `grader batch`, in the sandbox:
// Gradescope's run_autograder is this command.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "batch/workspace.hpp"
#include "commands/progress_line.hpp"
#include "commands/table.hpp"
#include "grading/grade.hpp"
#include "model/report_json.hpp"
#include "process/reaper.hpp"
#include "process/scratch_dir.hpp"
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
  fs::path submission;          ///< empty: grade the workspace as it is
  fs::path workspace;           ///< empty: <course>/exercises, or a private one for a submission
  fs::path build_dir;           ///< empty: the default for the workspace
  std::string format = "text";  ///< a name parse_report_format accepts
  fs::path output;              ///< empty: standard output
  double fail_under = -1;       ///< percent; negative: no threshold
  bool no_cache = false;        ///< run every suite even when it did not change
  bool sandbox = false;         ///< build and run inside bubblewrap (see sandbox/)
};

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

// The tree a check grades and how: the workspace as it is, or a submission staged.
struct GradedTree {
  std::unique_ptr<ScratchDir> scratch;  ///< a private workspace and build, removed at the end
  fs::path workspace;
  fs::path build_dir;
  bool sandbox = false;
  std::vector<fs::path> hidden;  ///< from the sandbox, beyond what its policies hide
};

// Says on stderr what the intake took from the submission and what it refused, one line
// each ("grader: submission: ..."; run_autograder shows these lines to the student).
void print_intake(const StagedSubmission& staged) {
  for (const std::string& why : staged.skipped)
    fmt::print(stderr,
               "grader: submission: refused {} (only regular files are taken, links are "
               "never followed)\n",
               why);
  if (staged.exercises.empty()) {
    fmt::print(stderr,
               "grader: submission: no learner files found (expected NN-name/<files>, "
               "exercises/NN-name/<files> or the files alone): graded as the stubs\n");
  } else {
    fmt::print(stderr,
               "grader: submission: learner files found for {}; the other exercises are "
               "graded as shipped\n",
               fmt::join(staged.exercises, ", "));
  }
}

// Stages --submission into --workspace, or into a private directory when none is given,
// for a sandboxed grading (sandbox/: one warning line when bubblewrap cannot run).
GradedTree stage_submission_tree(const Context& context, const CheckOptions& options) {
  GradedTree tree{.workspace = options.workspace, .build_dir = options.build_dir, .sandbox = true};
  const fs::path own = context.course.root() / "exercises";
  std::error_code ec;
  if (!tree.workspace.empty() && fs::equivalent(tree.workspace, own, ec))
    throw UsageError(
        "--submission would overwrite the course's own exercises/: give another "
        "--workspace, or none for a private one");
  // A build directory is configured for one tree: a private workspace, a new path each
  // time, would find a kept build directory configured for the last one.
  if (tree.workspace.empty() && !tree.build_dir.empty())
    throw UsageError("--submission with --build-dir needs --workspace too, the same each time");
  if (tree.workspace.empty()) {
    tree.scratch = std::make_unique<ScratchDir>("grader-submission-");
    tree.workspace = tree.scratch->path() / "exercises";
    tree.build_dir = tree.scratch->path() / "build";
  }
  print_intake(stage_submission(context.course.root(), context.course.entries(), options.submission,
                                tree.workspace));
  tree.hidden = course_builds(context.course.root());
  tree.hidden.push_back(options.submission);  // the original, links and all
  return tree;
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
  const GradedTree tree =
      options.submission.empty()
          ? GradedTree{.workspace = context.workspace_or_default(options.workspace),
                       .build_dir = options.build_dir,
                       .sandbox = options.sandbox}
          : stage_submission_tree(context, options);
  const GradeRequest request{.project = context.project,
                             .workspace = tree.workspace,
                             .build_dir = tree.build_dir,
                             .ids = options.ids,
                             .use_cache = !options.no_cache,
                             .sandbox = tree.sandbox,
                             .sandbox_hidden = tree.hidden,
                             .progress = progress_printer()};
  const Report report = grade(context.course, request);
  kill_descendants();  // grading is over: what a submission left running must not see its report
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
  options.path("--submission", values->submission,
               "grade one student's submission (a directory, .zip, .tar.gz or .tgz) as "
               "`grader batch` reads it, staged over the stubs, in the sandbox");
  options.path("--workspace", values->workspace,
               "the tree graded (default: exercises/); with --submission, where it is "
               "staged (default: a private directory)");
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
