// report/scoring.hpp — points and verdicts from test outcomes.
#pragma once

#include "manifest/manifest.hpp"
#include "report/model.hpp"

namespace grader {

/// Effects: gives each test of `exercise` its max_score from the manifest (0 for a
/// skipped test, which is reported but never counted) and its score (all of it when
/// passed, none otherwise); sums them into the exercise; sets the exercise status:
/// passed when it has tests and every counted one passed, failed otherwise.
/// Requires: exercise.status is not build_error or not_run.
void score_exercise(ExerciseReport& exercise, const Manifest& manifest);

}  // namespace grader
