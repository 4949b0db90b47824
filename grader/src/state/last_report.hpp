// state/last_report.hpp — the last full report of a workspace, which `grader list` shows.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "model/report.hpp"

namespace grader {

/// The file, in a tree's build directory, that `grader check` keeps up to date.
inline constexpr const char* kLastReportFile = "last-report.json";

/// Returns: the exercises of the last report in `build_dir`, by id; empty when there is
/// none. An unreadable report is reported on stderr in one line and ignored.
std::map<std::string, ExerciseReport> last_results(const std::filesystem::path& build_dir);

/// Effects: records `report` as the last report in `build_dir`: its exercises replace those
/// of the same id, the others are kept (a check of one exercise forgets none), written
/// atomically. Throws: std::runtime_error when it cannot be written.
void record_last_report(const std::filesystem::path& build_dir, const Report& report);

}  // namespace grader
