#include "model/report.hpp"

#include <algorithm>
#include <array>
#include <numeric>

#include "util/text.hpp"

namespace grader {
namespace {

// Indexed by the enumerators, in declaration order.
constexpr std::array<const char*, 7> kTestStatusNames = {
    "passed", "failed", "crashed", "timeout", "sanitizer", "skipped", "not_run"};
constexpr std::array<const char*, 5> kExerciseStatusNames = {"passed", "failed", "build_error",
                                                             "not_run", "refused"};
constexpr std::array<const char*, 5> kExerciseStatusWords = {"passed", "failed", "build error",
                                                             "not run", "refused"};
static_assert(kTestStatusNames.size() == static_cast<std::size_t>(TestStatus::not_run) + 1,
              "one schema name per TestStatus");
static_assert(kExerciseStatusNames.size() == static_cast<std::size_t>(ExerciseStatus::refused) + 1,
              "one schema name per ExerciseStatus");

}  // namespace

const char* to_string(TestStatus status) {
  return kTestStatusNames.at(static_cast<std::size_t>(status));
}

const char* to_string(ExerciseStatus status) {
  return kExerciseStatusNames.at(static_cast<std::size_t>(status));
}

const char* status_word(ExerciseStatus status) {
  return kExerciseStatusWords.at(static_cast<std::size_t>(status));
}

std::vector<const TestReport*> failing_tests(const ExerciseReport& exercise) {
  std::vector<const TestReport*> failing;
  for (const TestReport& t : exercise.tests) {
    if (t.status != TestStatus::passed && t.status != TestStatus::skipped) failing.push_back(&t);
  }
  std::stable_sort(failing.begin(), failing.end(), [](const TestReport* a, const TestReport* b) {
    return a->max_score > b->max_score;
  });
  return failing;
}

const TestReport* first_failing_test(const ExerciseReport& exercise) {
  const std::vector<const TestReport*> failing = failing_tests(exercise);
  return failing.empty() ? nullptr : failing.front();
}

FirstProblem first_problem(const ExerciseReport& exercise, std::size_t max_lines) {
  // A refused exercise's test verdicts are not to be believed: the reason is what matters.
  if (exercise.status == ExerciseStatus::refused)
    return {.text = first_lines(exercise.message, max_lines)};
  if (exercise.status == ExerciseStatus::build_error)
    return {.build_error = true, .text = first_error(exercise.build.diagnostics, max_lines)};
  if (const TestReport* test = first_failing_test(exercise))
    return {.test = test, .text = first_lines(test->message, max_lines)};
  return {.text = exercise.message};
}

double percent_of(int score, int max_score) {
  constexpr double kWhole = 100.0;
  return max_score > 0 ? kWhole * score / max_score : 0.0;
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

int Report::exercises_refused() const {
  return static_cast<int>(
      std::count_if(exercises.begin(), exercises.end(),
                    [](const ExerciseReport& e) { return e.status == ExerciseStatus::refused; }));
}

}  // namespace grader
