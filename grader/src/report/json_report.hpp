// report/json_report.hpp — the versioned JSON report (schema: grader/report.schema.json).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "report/model.hpp"

namespace grader {

/// Returns: the report as JSON, following grader/report.schema.json.
nlohmann::json to_json(const Report& report);

/// Returns: the report read back from its JSON form. Throws: nlohmann::json::exception.
Report report_from_json(const nlohmann::json& json);

/// Returns: one exercise's entry of the report, as JSON.
nlohmann::json exercise_to_json(const ExerciseReport& exercise);

/// Returns: one exercise read back from exercise_to_json. Throws: nlohmann::json::exception.
ExerciseReport exercise_from_json(const nlohmann::json& json);

/// Returns: `json` as text. Invalid UTF-8 in any string is replaced, never thrown on.
std::string dump_json(const nlohmann::json& json);

/// Effects: writes `text` to `path` atomically: to a temporary file in the same
/// directory, flushed, then renamed over `path`, so a reader sees the old file or
/// the new one, never half of one. Throws: std::runtime_error naming the path.
void write_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace grader
