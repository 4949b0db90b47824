// grader — builds learner code against hidden GoogleTest suites and reports.
// See README.md (learner, instructor and CI guides) and DESIGN.md.
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "state/pristine.hpp"

#ifndef GRADER_PROJECT_DIR
#error "GRADER_PROJECT_DIR must name the source directory holding cmake/tree"
#endif

namespace {

namespace fs = std::filesystem;

constexpr int kUsageError = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"grader: build and grade Memory Workbook exercises against their hidden suites"};
  app.require_subcommand(1);
  grader::GlobalOptions global;
  global.project = GRADER_PROJECT_DIR;
  global.course = GRADER_PROJECT_DIR;
  std::string color = "auto";
  app.add_option("--root", global.course, "the course to grade against (default: this checkout)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--color", color, "colour output: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  grader::CheckOptions check;
  CLI::App* check_cmd =
      app.add_subcommand("check", "build and run the hidden suites, then score them");
  check_cmd->add_option("ids", check.ids,
                        "exercises to grade, e.g. 02 or 02-tracking-allocator (default: all)");
  check_cmd->add_option("--workspace", check.workspace, "the tree graded (default: exercises/)");
  check_cmd->add_option("--build-dir", check.build_dir,
                        "where to build it (default: build/trees/<tree>)");
  check_cmd->add_flag("--sandbox", check.sandbox,
                      "build and run the submission inside bubblewrap: no network, only its "
                      "build and scratch directories writable, no solutions or hidden suites");
  check_cmd
      ->add_option("--format", check.format,
                   "text, json, junit, gradescope, exercism, markdown or html")
      ->check(
          CLI::IsMember({"text", "json", "junit", "gradescope", "exercism", "markdown", "html"}));
  check_cmd->add_option("--output", check.output,
                        "write the report here (atomically) instead of standard output");
  check_cmd
      ->add_option("--fail-under", check.fail_under,
                   "exit 1 when the score is under this percentage")
      ->check(CLI::Range(0.0, 100.0));
  check_cmd->add_flag("--no-cache", check.no_cache,
                      "run every suite, even those whose code did not change");

  fs::path list_workspace;
  CLI::App* list_cmd =
      app.add_subcommand("list", "every exercise, its day, last status and points");
  list_cmd->add_option("--workspace", list_workspace,
                       "the tree whose last grades are shown (default: exercises/)");

  std::vector<std::string> verify_ids;
  CLI::App* verify_cmd = app.add_subcommand(
      "verify", "prove every hidden test fails on its stub and passes on its solution");
  verify_cmd->add_option("ids", verify_ids, "exercises to verify (default: all)");

  std::string exercise;
  fs::path workspace;
  bool all_hints = false;
  CLI::App* hint_cmd =
      app.add_subcommand("hint", "reveal the next hint of an exercise (remembered between runs)");
  hint_cmd->add_option("id", exercise, "the exercise, e.g. 02")->required();
  hint_cmd->add_flag("--all", all_hints, "show every hint at once");

  bool yes = false;
  CLI::App* reset_cmd =
      app.add_subcommand("reset", "restore an exercise's files as shipped (asks first)");
  reset_cmd->add_option("id", exercise, "the exercise, e.g. 02")->required();
  reset_cmd->add_flag("--yes,-y", yes, "do not ask before discarding your changes");

  bool diff = false;
  bool force = false;
  CLI::App* solution_cmd =
      app.add_subcommand("solution", "show the reference solution of an exercise you passed");
  solution_cmd->add_option("id", exercise, "the exercise, e.g. 02")->required();
  solution_cmd->add_flag("--diff", diff, "show it as a diff against your files");
  solution_cmd->add_flag("--force", force, "show it even though the exercise has not passed yet");

  std::string which;
  CLI::App* lesson_cmd =
      app.add_subcommand("lesson", "read a lesson (DAY like 1-2) or an exercise's section (ID)");
  lesson_cmd->add_option("which", which, "a block of days (1-2, 3-4, 5-7) or an exercise (02)");

  bool poll = false;
  CLI::App* watch_cmd = app.add_subcommand("watch", "grade the exercise you work on at every save");
  watch_cmd->add_option("id", exercise,
                        "start with this exercise (default: the first not yet passed)");
  watch_cmd->add_flag("--poll", poll, "poll for changes instead of inotify (network drives, WSL)");

  fs::path export_out;
  bool withhold_hidden = false;
  CLI::App* export_cmd =
      app.add_subcommand("export", "write a student release of the course: no solutions/");
  export_cmd->add_option("--out", export_out, "the new release directory (absent or empty)")
      ->required();
  export_cmd->add_flag("--withhold-hidden", withhold_hidden,
                       "leave out the hidden suites too; the release grades its visible tests");

  grader::BatchOptions batch;
  CLI::App* batch_cmd = app.add_subcommand(
      "batch", "grade a class's submissions in parallel into reports and a gradebook");
  batch_cmd
      ->add_option("submissions", batch.submissions,
                   "one entry per student: a directory, a .zip or a .tar.gz/.tgz")
      ->required();
  batch_cmd->add_option("ids", batch.ids, "exercises to grade (default: all)");
  batch_cmd->add_option("--out", batch.out, "where reports, gradebook.csv and summary.* go")
      ->required();
  batch_cmd->add_option("--jobs,-j", batch.jobs, "students graded at a time (default: cores)")
      ->check(CLI::PositiveNumber);

  for (CLI::App* command : {hint_cmd, reset_cmd, solution_cmd, watch_cmd}) {
    command->add_option("--workspace", workspace, "the learner's tree (default: exercises/)");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "grader: {} (see grader --help)\n", e.what());
    return kUsageError;
  }
  global.color = color == "always"  ? grader::ColorMode::always
                 : color == "never" ? grader::ColorMode::never
                                    : grader::ColorMode::automatic;
  try {
    // Only the learner's own checkout: never write into a course given with --root.
    if (fs::equivalent(global.course, global.project)) {
      grader::snapshot_pristine(global.course, grader::load_course(global.course));
    }
    if (*check_cmd) return grader::run_check(global, check);
    if (*list_cmd) return grader::run_list(global, list_workspace);
    if (*verify_cmd) return grader::run_verify(global, verify_ids);
    if (*hint_cmd) return grader::run_hint(global, exercise, workspace, all_hints);
    if (*reset_cmd) return grader::run_reset(global, exercise, workspace, yes);
    if (*solution_cmd) return grader::run_solution(global, exercise, workspace, diff, force);
    if (*lesson_cmd) return grader::run_lesson(global, which);
    if (*watch_cmd) return grader::run_watch(global, exercise, workspace, poll);
    if (*batch_cmd) return grader::run_batch(global, batch);
    if (*export_cmd) return grader::run_export(global, export_out, withhold_hidden);
  } catch (const grader::UsageError& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return kUsageError;
  } catch (const std::exception& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return kUsageError;
  }
  return kUsageError;
}
