// state/progress.hpp — what the grader remembers about a learner's workspace.
//
// A small JSON file in the workspace (.grader-state.json): exercises passed,
// hints shown, the current exercise. It is a convenience, never a grade: a
// corrupt or missing file is reported in one line and replaced by a fresh one.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace grader {

struct Progress {
  std::set<std::string> passed;            ///< exercises that passed at some check
  std::map<std::string, int> hints_shown;  ///< exercise -> how many hints were revealed
  std::string current;                     ///< the exercise `watch` works on; may be empty
};

/// Returns: where the state of `workspace` lives.
std::filesystem::path progress_path(const std::filesystem::path& workspace);

struct LoadedProgress {
  Progress progress;
  std::optional<std::string> warning;  ///< set when the file was corrupt and ignored
};

/// Effects: reads the state file of `workspace`; a missing file is a fresh start.
/// Returns: the progress, and a one-line warning when the file could not be used.
LoadedProgress load_progress(const std::filesystem::path& workspace);

/// Effects: writes `progress` atomically. Throws: std::runtime_error naming the file.
void save_progress(const std::filesystem::path& workspace, const Progress& progress);

}  // namespace grader
