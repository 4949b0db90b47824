// model/scoring.hpp — points and verdicts from test outcomes.
#pragma once

#include <map>
#include <string>

#include "model/report.hpp"

namespace grader {

/// What each test of an exercise is worth: `by_test` names the exceptions to `default_points`.
struct TestPoints {
  int default_points = 1;
  std::map<std::string, int> by_test;  ///< full test name ("Suite.Test") -> points

  /// Returns: the points the test named `full_name` is worth.
  int for_test(const std::string& full_name) const;
};

/// Effects: gives each test of `exercise` its max_score from `points` (0 for a skipped
/// test, which is reported but never counted) and its score (all of it when passed,
/// none otherwise); sums them into the exercise; sets the exercise status: passed when
/// it has tests and every counted one passed, failed otherwise. An exercise already
/// refused stays refused and every test scores 0, whatever its status.
/// Requires: exercise.status is not build_error or not_run.
void score_exercise(ExerciseReport& exercise, const TestPoints& points);

/// Effects: makes `exercise` refused for `reason` (file, line and what the tamper guard
/// forbids, or what the result channel caught): its status and message; its score and every test's
/// score 0, the max_scores kept (the points it could have earned are lost, not left out).
void refuse_exercise(ExerciseReport& exercise, std::string reason);

}  // namespace grader
