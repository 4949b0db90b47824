#include <gtest/gtest.h>

#include "model/scoring.hpp"

namespace grader {
namespace {

TestPoints manifest_with_points() {
  return TestPoints{.default_points = 2, .by_test = {{"A.Big", 5}}};
}

ExerciseReport exercise_of(std::vector<std::pair<std::string, TestStatus>> tests) {
  ExerciseReport e;
  for (const auto& [name, status] : tests)
    e.tests.push_back(TestReport{.name = name, .status = status});
  return e;
}

// A passed test earns its points: the default, or its override.
TEST(ScoreExercise, PassedEarnsDefaultOrOverride) {
  ExerciseReport e = exercise_of({{"A.Small", TestStatus::passed}, {"A.Big", TestStatus::passed}});
  score_exercise(e, manifest_with_points());
  EXPECT_EQ(e.tests[0].score, 2);
  EXPECT_EQ(e.tests[1].score, 5);
  EXPECT_EQ(e.score, 7);
  EXPECT_EQ(e.max_score, 7);
  EXPECT_EQ(e.status, ExerciseStatus::passed);
}

// Every status other than passed earns nothing but still counts in max_score.
TEST(ScoreExercise, NotPassedEarnsNothing) {
  for (TestStatus status : {TestStatus::failed, TestStatus::crashed, TestStatus::timeout,
                            TestStatus::sanitizer, TestStatus::not_run}) {
    ExerciseReport e = exercise_of({{"A.Big", status}});
    score_exercise(e, manifest_with_points());
    EXPECT_EQ(e.tests[0].score, 0) << to_string(status);
    EXPECT_EQ(e.tests[0].max_score, 5) << to_string(status);
    EXPECT_EQ(e.status, ExerciseStatus::failed) << to_string(status);
  }
}

// A skipped test is worth 0 of 0 and does not stop the exercise passing.
TEST(ScoreExercise, SkippedCountsZeroMax) {
  ExerciseReport e = exercise_of({{"A.Small", TestStatus::passed}, {"A.Big", TestStatus::skipped}});
  score_exercise(e, manifest_with_points());
  EXPECT_EQ(e.tests[1].max_score, 0);
  EXPECT_EQ(e.tests[1].score, 0);
  EXPECT_EQ(e.max_score, 2);
  EXPECT_EQ(e.status, ExerciseStatus::passed);
}

// A skipped test's message says what it leaves out of the total, once however often scored.
TEST(ScoreExercise, SkippedSaysWhatIsNotCounted) {
  ExerciseReport e = exercise_of({{"A.Big", TestStatus::skipped}});
  e.tests[0].message = "no qemu";
  score_exercise(e, manifest_with_points());
  score_exercise(e, manifest_with_points());
  EXPECT_EQ(e.tests[0].message, "no qemu (5 points not counted here)");
}

// One failing test makes the exercise failed, with the others' points kept.
TEST(ScoreExercise, OneFailureFailsTheExercise) {
  ExerciseReport e = exercise_of({{"A.Small", TestStatus::passed}, {"A.Big", TestStatus::crashed}});
  score_exercise(e, manifest_with_points());
  EXPECT_EQ(e.score, 2);
  EXPECT_EQ(e.max_score, 7);
  EXPECT_EQ(e.status, ExerciseStatus::failed);
}

// An exercise with no tests has nothing that passed: it is failed.
TEST(ScoreExercise, NoTestsIsFailed) {
  ExerciseReport e;
  score_exercise(e, manifest_with_points());
  EXPECT_EQ(e.status, ExerciseStatus::failed);
  EXPECT_EQ(e.max_score, 0);
}

// Scoring again replaces, never adds to, the previous scores.
TEST(ScoreExercise, RescoringDoesNotAccumulate) {
  ExerciseReport e = exercise_of({{"A.Small", TestStatus::passed}});
  score_exercise(e, manifest_with_points());
  score_exercise(e, manifest_with_points());
  EXPECT_EQ(e.score, 2);
  EXPECT_EQ(e.max_score, 2);
}

// A refused exercise earns nothing even when every test passed, and stays refused.
TEST(ScoreExercise, RefusedScoresZeroWhateverItsTests) {
  ExerciseReport e = exercise_of({{"A.Small", TestStatus::passed}, {"A.Big", TestStatus::passed}});
  e.status = ExerciseStatus::refused;
  score_exercise(e, manifest_with_points());
  EXPECT_EQ(e.tests[0].score, 0);
  EXPECT_EQ(e.tests[1].score, 0);
  EXPECT_EQ(e.score, 0);
  EXPECT_EQ(e.max_score, 7);
  EXPECT_EQ(e.status, ExerciseStatus::refused);
}

// Refusing an exercise already scored takes every point back, keeps max_score and the reason.
TEST(RefuseExercise, TakesThePointsBackAndKeepsTheReason) {
  ExerciseReport e = exercise_of({{"A.Small", TestStatus::passed}, {"A.Big", TestStatus::passed}});
  score_exercise(e, manifest_with_points());
  refuse_exercise(e, "a.cpp:1: names 'testing', which the tamper guard forbids");
  EXPECT_EQ(e.status, ExerciseStatus::refused);
  EXPECT_EQ(e.message, "a.cpp:1: names 'testing', which the tamper guard forbids");
  EXPECT_EQ(e.score, 0);
  EXPECT_EQ(e.tests[0].score + e.tests[1].score, 0);
  EXPECT_EQ(e.max_score, 7);
}

}  // namespace
}  // namespace grader
