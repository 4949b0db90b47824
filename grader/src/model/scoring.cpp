#include "model/scoring.hpp"

#include <utility>

#include <fmt/format.h>

namespace grader {

namespace {

// A skipped test is never counted; its message says how much that leaves out of the total,
// so totals that differ between machines (one with QEMU, one without) explain themselves.
void note_uncounted(TestReport& test, int points) {
  const std::string note =
      fmt::format("({} point{} not counted here)", points, points == 1 ? "" : "s");
  if (test.message.ends_with(note)) return;  // scored again: noted already
  test.message += test.message.empty() ? "skipped " + note : " " + note;
}

}  // namespace

int TestPoints::for_test(const std::string& full_name) const {
  const auto it = by_test.find(full_name);
  return it == by_test.end() ? default_points : it->second;
}

void score_exercise(ExerciseReport& exercise, const TestPoints& points) {
  // A refused exercise earns nothing: tampering may have forged the very tests that passed.
  const bool refused = exercise.status == ExerciseStatus::refused;
  exercise.score = 0;
  exercise.max_score = 0;
  bool all_passed = !exercise.tests.empty();
  for (TestReport& test : exercise.tests) {
    test.max_score = test.status == TestStatus::skipped ? 0 : points.for_test(test.name);
    if (test.status == TestStatus::skipped) note_uncounted(test, points.for_test(test.name));
    test.score = test.status == TestStatus::passed && !refused ? test.max_score : 0;
    exercise.score += test.score;
    exercise.max_score += test.max_score;
    all_passed =
        all_passed && (test.status == TestStatus::passed || test.status == TestStatus::skipped);
  }
  if (refused) return;
  exercise.status = all_passed ? ExerciseStatus::passed : ExerciseStatus::failed;
}

void refuse_exercise(ExerciseReport& exercise, std::string reason) {
  exercise.status = ExerciseStatus::refused;
  exercise.message = std::move(reason);
  exercise.score = 0;
  for (TestReport& test : exercise.tests) test.score = 0;
}

}  // namespace grader
