// model/report_json.hpp — the report model as JSON (schema: grader/report.schema.json),
// both ways: the json format, the verdict store and `list` read what these write.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/report.hpp"

namespace grader {

/// Returns: the report as JSON, following grader/report.schema.json.
nlohmann::json to_json(const Report& report);

/// Returns: the report read back from its JSON form. Throws: nlohmann::json::exception.
Report report_from_json(const nlohmann::json& json);

/// Returns: one exercise's entry of the report, as JSON.
nlohmann::json exercise_to_json(const ExerciseReport& exercise);

/// Returns: one exercise read back from exercise_to_json. Throws: nlohmann::json::exception.
ExerciseReport exercise_from_json(const nlohmann::json& json);

}  // namespace grader
