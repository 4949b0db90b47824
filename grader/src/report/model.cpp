#include "report/model.hpp"

#include <algorithm>
#include <numeric>

namespace grader {

const char* to_string(TestStatus status) {
  switch (status) {
    case TestStatus::passed:
      return "passed";
    case TestStatus::failed:
      return "failed";
    case TestStatus::crashed:
      return "crashed";
    case TestStatus::timeout:
      return "timeout";
    case TestStatus::sanitizer:
      return "sanitizer";
    case TestStatus::skipped:
      return "skipped";
    case TestStatus::not_run:
      return "not_run";
  }
  return "not_run";
}

const char* to_string(ExerciseStatus status) {
  switch (status) {
    case ExerciseStatus::passed:
      return "passed";
    case ExerciseStatus::failed:
      return "failed";
    case ExerciseStatus::build_error:
      return "build_error";
    case ExerciseStatus::not_run:
      return "not_run";
  }
  return "not_run";
}

const TestReport* first_failing_test(const ExerciseReport& exercise) {
  const auto it =
      std::find_if(exercise.tests.begin(), exercise.tests.end(), [](const TestReport& t) {
        return t.status != TestStatus::passed && t.status != TestStatus::skipped;
      });
  return it == exercise.tests.end() ? nullptr : &*it;
}

int Report::score() const {
  return std::accumulate(exercises.begin(), exercises.end(), 0,
                         [](int sum, const ExerciseReport& e) { return sum + e.score; });
}

int Report::max_score() const {
  return std::accumulate(exercises.begin(), exercises.end(), 0,
                         [](int sum, const ExerciseReport& e) { return sum + e.max_score; });
}

int Report::exercises_passed() const {
  return static_cast<int>(
      std::count_if(exercises.begin(), exercises.end(),
                    [](const ExerciseReport& e) { return e.status == ExerciseStatus::passed; }));
}

}  // namespace grader
