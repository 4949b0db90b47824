// state/last_report.hpp — the last full report of a workspace, which `grader list` shows.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "model/report.hpp"

namespace grader {

/// The file, in a tree's build directory, that `grader check` of every exercise writes.
inline constexpr const char* kLastReportFile = "last-report.json";

/// Returns: the exercises of the last report in `build_dir`, by id; empty when there is
/// none. An unreadable report is reported on stderr in one line and ignored.
std::map<std::string, ExerciseReport> last_results(const std::filesystem::path& build_dir);

}  // namespace grader
