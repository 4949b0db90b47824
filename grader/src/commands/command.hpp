// commands/command.hpp — what every command is handed, and how one is registered.
//
// Each command lives in a file of its own and is one row of the table
// (commands/table.cpp): it declares its options (commands/options.hpp) and returns the
// function that runs it. `main` only parses, loads the course once, runs the chosen
// command and maps exceptions to exit statuses (util/errors.hpp). A command returns 0
// when it ran and 1 when a threshold it checks was not met.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "commands/options.hpp"
#include "course/course.hpp"

namespace grader {

enum class ColorMode { automatic, always, never };

/// What `main` hands every command.
struct Context {
  const Course& course;           ///< loaded once, before the command runs
  std::filesystem::path project;  ///< the grader's sources, holding cmake/tree
  ColorMode color = ColorMode::automatic;

  /// Returns: whether to colour output written to `fd`: never with NO_COLOR or
  /// --color=never, always with --color=always, else only on a terminal.
  bool use_color(int fd) const;

  /// Returns: `workspace`, or <course>/exercises (the learner's own tree) when it is empty.
  std::filesystem::path workspace_or_default(const std::filesystem::path& workspace) const;

  /// Returns: workspace_or_default(workspace).
  /// Throws: UsageError (bad usage, exit 2) when that is not a directory.
  std::filesystem::path existing_workspace(const std::filesystem::path& workspace) const;
};

/// Runs a command whose options were parsed. Returns: its exit status.
using CommandRun = std::function<int(const Context&)>;

struct Command {
  const char* name;
  const char* summary;  ///< one line, for --help
  /// Effects: declares the command's options in `options`, bound to storage it owns.
  /// Returns: what runs the command once they are parsed.
  CommandRun (*declare)(Options& options);
};

}  // namespace grader
