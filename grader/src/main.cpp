// grader — builds learner code against hidden GoogleTest suites and reports.
// See README.md (learner, instructor and CI guides) and DESIGN.md.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/grading.hpp"

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
  app.add_option("--root", global.course, "the course to grade against (default: this checkout)")->check(CLI::ExistingDirectory);
  app.add_option("--color", color, "colour output: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  grader::CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "build and run the hidden suites, then score them");
  check_cmd->add_option("ids", check.ids, "exercises to grade, e.g. 02 or 02-tracking-allocator (default: all)");
  check_cmd->add_option("--workspace", check.workspace, "the tree graded (default: exercises/)");
  check_cmd->add_option("--build-dir", check.build_dir, "where to build it (default: build/trees/<tree>)");
  check_cmd->add_option("--format", check.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  check_cmd->add_option("--output", check.output, "write the report here (atomically) instead of standard output");
  check_cmd->add_option("--fail-under", check.fail_under, "exit 1 when the score is under this percentage")
      ->check(CLI::Range(0.0, 100.0));

  fs::path list_workspace;
  CLI::App* list_cmd = app.add_subcommand("list", "every exercise, its day, last status and points");
  list_cmd->add_option("--workspace", list_workspace, "the tree whose last grades are shown (default: exercises/)");

  std::vector<std::string> verify_ids;
  CLI::App* verify_cmd = app.add_subcommand("verify", "prove every hidden test fails on its stub and passes on its solution");
  verify_cmd->add_option("ids", verify_ids, "exercises to verify (default: all)");

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
  global.color = color == "always" ? grader::ColorMode::always
                 : color == "never" ? grader::ColorMode::never
                                    : grader::ColorMode::automatic;
  try {
    if (*check_cmd) return grader::run_check(global, check);
    if (*list_cmd) return grader::run_list(global, list_workspace);
    if (*verify_cmd) return grader::run_verify(global, verify_ids);
  } catch (const grader::UsageError& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return kUsageError;
  } catch (const std::exception& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return kUsageError;
  }
  return kUsageError;
}
