#include "report/scoring.hpp"

namespace grader {

void score_exercise(ExerciseReport& exercise, const Manifest& manifest) {
  exercise.score = 0;
  exercise.max_score = 0;
  bool all_passed = !exercise.tests.empty();
  for (TestReport& test : exercise.tests) {
    test.max_score = test.status == TestStatus::skipped ? 0 : manifest.points_for(test.name);
    test.score = test.status == TestStatus::passed ? test.max_score : 0;
    exercise.score += test.score;
    exercise.max_score += test.max_score;
    all_passed =
        all_passed && (test.status == TestStatus::passed || test.status == TestStatus::skipped);
  }
  exercise.status = all_passed ? ExerciseStatus::passed : ExerciseStatus::failed;
}

}  // namespace grader
