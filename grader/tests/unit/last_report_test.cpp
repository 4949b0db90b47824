// The last report `grader list` shows: what each check adds to it.
#include "state/last_report.hpp"

#include <gtest/gtest.h>

#include "process/scratch_dir.hpp"
#include "sample_reports.hpp"

namespace grader {
namespace {

using testing_support::three_exercise_report;

// A first check of every exercise is recorded whole.
TEST(LastReport, FirstCheckIsRecorded) {
  const ScratchDir dir("grader-last-report-test-");
  record_last_report(dir.path(), three_exercise_report());
  const auto last = last_results(dir.path());
  ASSERT_EQ(last.size(), 3u);
  EXPECT_EQ(last.at("01-a").status, ExerciseStatus::passed);
}

// kills: a check of one exercise that replaces the whole last report (list then forgets
// the others), or one that is not recorded at all (list says "not graded").
TEST(LastReport, CheckOfOneExerciseKeepsTheOthers) {
  const ScratchDir dir("grader-last-report-test-");
  record_last_report(dir.path(), three_exercise_report());
  Report one = three_exercise_report();
  one.exercises = {one.exercises.at(1)};
  one.exercises.at(0).status = ExerciseStatus::passed;
  one.exercises.at(0).score = 2;
  record_last_report(dir.path(), one);
  const auto last = last_results(dir.path());
  ASSERT_EQ(last.size(), 3u);
  EXPECT_EQ(last.at("02-b").status, ExerciseStatus::passed);
  EXPECT_EQ(last.at("02-b").score, 2);
  EXPECT_EQ(last.at("01-a").status, ExerciseStatus::passed);
  EXPECT_EQ(last.at("03-c").status, ExerciseStatus::build_error);
}

}  // namespace
}  // namespace grader
