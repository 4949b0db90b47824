// grader — builds learner code against hidden GoogleTest suites and reports.
//
// main only parses the command line, loads the course once, runs the chosen command
// (commands/table.cpp) and turns what it throws into an exit status (util/errors.hpp):
// 2 for bad usage, 3 for an installation or I/O failure, 130 when interrupted.
#include <cstdio>
#include <functional>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands/cli_options.hpp"
#include "commands/table.hpp"
#include "process/reaper.hpp"
#include "state/pristine.hpp"
#include "util/errors.hpp"

#ifndef GRADER_PROJECT_DIR
#error "GRADER_PROJECT_DIR must name the source directory holding cmake/tree"
#endif

namespace {

namespace fs = std::filesystem;
using grader::ColorMode;

struct GlobalFlags {
  fs::path root = GRADER_PROJECT_DIR;
  std::string color = "auto";
};

ColorMode color_mode(const std::string& name) {
  if (name == "always") return ColorMode::always;
  if (name == "never") return ColorMode::never;
  return ColorMode::automatic;
}

// Loads the course and runs `run` on it. Returns: its exit status.
int run_command(const GlobalFlags& flags, const grader::CommandRun& run) {
  const grader::Course course = grader::Course::load(fs::canonical(flags.root));
  // Only the learner's own checkout: never write into a course given with --root.
  if (fs::equivalent(course.root(), GRADER_PROJECT_DIR)) grader::snapshot_pristine(course);
  return run(grader::Context{
      .course = course, .project = GRADER_PROJECT_DIR, .color = color_mode(flags.color)});
}

// Runs `body`, turning each kind of failure into its exit status and a one-line reason.
int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const grader::UsageError& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return grader::kExitUsage;
  } catch (const grader::Interrupted& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return grader::kExitInterrupted;
  } catch (const std::exception& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return grader::kExitSetup;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything is spawned: every orphan of a build or a suite is adopted by the
  // grader, not by init, so that kill_descendants() can still end it (process/reaper.hpp).
  grader::become_subreaper();
  CLI::App app{"grader: build and grade Memory Workbook exercises against their hidden suites"};
  app.require_subcommand(1);
  GlobalFlags flags;
  app.add_option("--root", flags.root, "the course to grade against (default: this checkout)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--color", flags.color,
                 "colour output: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  std::vector<std::pair<CLI::App*, grader::CommandRun>> commands;
  for (const grader::Command& command : grader::command_table()) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    // The global options may come after the command too: `grader list --color never`.
    sub->fallthrough();
    commands.emplace_back(sub, command.declare(*grader::cli_options(*sub)));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "grader: {} (see grader --help)\n", e.what());
    return grader::kExitUsage;
  }
  for (const auto& command : commands) {
    if (!*command.first) continue;
    const int status = guarded([&] { return run_command(flags, command.second); });
    // The commands end what they started before they report; this catches what a
    // command that failed half-way left (every grading thread has returned by now).
    grader::kill_descendants();
    return status;
  }
  return grader::kExitUsage;  // unreachable: CLI11 requires one subcommand
}
