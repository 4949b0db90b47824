// batch/class_json.hpp — OUT/summary.json: the class summary for scripts.
#pragma once

#include <nlohmann/json.hpp>

#include "report/class_summary.hpp"

namespace grader {

/// Returns: the median of `values` (the mean of the middle two for an even count), 0
/// when empty.
double median(std::vector<double> values);

/// Returns: the mean of `values`, 0 when empty.
double mean(const std::vector<double>& values);

/// Returns: `summary` as JSON: {"students": [{student, status, score, max_score,
/// percent, exercises {id: score}, refused}], "exercise_ids", "pass_rates":
/// [{exercise_id, test, passed, graded}], "mean_percent", "median_percent"}.
nlohmann::json class_to_json(const ClassSummary& summary);

}  // namespace grader
