// commands/commands.hpp — the grader's subcommands. Each returns the process
// exit status: 0 when it ran, 1 when a threshold it checks was not met, and
// throws UsageError (exit 2) for bad usage or a broken installation.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"

namespace grader {

enum class ColorMode { automatic, always, never };

struct GlobalOptions {
  std::filesystem::path project;  ///< the grader's sources, holding cmake/tree
  std::filesystem::path course;   ///< the course graded against
  ColorMode color = ColorMode::automatic;

  /// Returns: whether to colour output written to `fd`: never with NO_COLOR or
  /// --color=never, always with --color=always, else only on a terminal.
  bool use_color(int fd) const;
};

/// Returns: the manifest of the exercise named `name` ("02" or "02-tracking-allocator").
/// Throws: UsageError when there is no such exercise or its manifest is broken.
Manifest require_exercise(const GlobalOptions& global, const std::string& name);

/// Returns: `workspace`, or <course>/exercises when it is empty.
std::filesystem::path workspace_or_default(const GlobalOptions& global,
                                           const std::filesystem::path& workspace);

struct CheckOptions {
  std::vector<std::string> ids;
  std::filesystem::path workspace;  ///< empty: <course>/exercises
  std::filesystem::path build_dir;  ///< empty: the default for the workspace
  std::string format = "text";      ///< a name parse_report_format accepts
  std::filesystem::path output;     ///< empty: standard output
  double fail_under = -1;           ///< percent; negative: no threshold
  bool no_cache = false;            ///< run every suite even when it did not change
  bool sandbox = false;             ///< build and run inside bubblewrap (see sandbox/)
};

/// `grader check`: build, run and score; print or write the report.
int run_check(const GlobalOptions& global, const CheckOptions& options);

/// `grader list`: every exercise with its day, last known status and points.
int run_list(const GlobalOptions& global, const std::filesystem::path& workspace);

/// `grader verify`: every hidden test fails on its stub and passes on its solution.
int run_verify(const GlobalOptions& global, const std::vector<std::string>& ids);

/// `grader hint ID [--all]`: reveal the next hint (or all), remembering how many were shown.
int run_hint(const GlobalOptions& global, const std::string& id,
             const std::filesystem::path& workspace, bool all);

/// `grader reset ID [--yes]`: restore the pristine stub files of an exercise, asking first.
int run_reset(const GlobalOptions& global, const std::string& id,
              const std::filesystem::path& workspace, bool yes);

/// `grader solution ID [--diff] [--force]`: the reference solution, once the exercise passed.
int run_solution(const GlobalOptions& global, const std::string& id,
                 const std::filesystem::path& workspace, bool diff, bool force);

/// `grader watch [ID] [--poll]`: grade the current exercise on every save, with keys for
/// hints (h), the next exercise (n), the list (l), re-run (r) and quit (q).
int run_watch(const GlobalOptions& global, const std::string& id,
              const std::filesystem::path& workspace, bool poll);

/// `grader lesson [DAY|ID]`: the lesson of a block of days, or an exercise's section of it.
int run_lesson(const GlobalOptions& global, const std::string& which);

struct BatchOptions {
  std::filesystem::path submissions;  ///< one entry per student: a directory, .zip or .tar.gz
  std::filesystem::path out;          ///< students/, work/, cache/, gradebook.csv, summary.*
  int jobs = 0;                       ///< students graded at a time; 0: one per core
  std::vector<std::string> ids;       ///< exercises graded; empty: all
};

/// `grader batch SUBMISSIONS --out DIR [--jobs N] [IDS...]`: grade every submission,
/// sandboxed and in parallel, into per-student reports, a gradebook and a class summary;
/// resumable (finished, unchanged students are not graded again). Returns 130 when
/// interrupted by SIGINT or SIGTERM (finished students are kept).
int run_batch(const GlobalOptions& global, const BatchOptions& options);

/// `grader export --out DIR [--withhold-hidden]`: a student release of the course in DIR,
/// without solutions/ (and without grader/suites/ when hidden tests are withheld).
int run_export(const GlobalOptions& global, const std::filesystem::path& out, bool withhold_hidden);

}  // namespace grader
