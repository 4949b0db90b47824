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
/// percent, exercises {id: score}, exercises_refused (how many the tamper guard
/// refused), refused (why a submission was not graded: then the only other keys are
/// student and status)}], "exercise_ids", "pass_rates": [{exercise_id, test, passed,
/// graded}], "mean_percent", "median_percent", "exercises_refused" (in the class),
/// "refused_by_exercise" {id: students refused}, "refusals": [{student, exercise_id,
/// reason}] (student order, then course order), "similarity" (similarity_to_json with the
/// kSummaryPairs highest pairs of each exercise; only when `summary.similarity` is set)}.
nlohmann::json class_to_json(const ClassSummary& summary);

}  // namespace grader
