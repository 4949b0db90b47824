// model/report.hpp — what grading produces, before it is written in any format.
//
// Plain values: the engine fills them, the formats read them. Build them with designated
// initializers (`TestReport{.name = n, .status = TestStatus::not_run, .message = why}`),
// so a field added later never shifts the meaning of the others.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace grader {

/// The verdict of one hidden test.
enum class TestStatus { passed, failed, crashed, timeout, sanitizer, skipped, not_run };

/// The verdict of one exercise: passed (every test passed), failed, build_error,
/// not_run (it could not be graded: a broken manifest, a missing suite), or refused
/// (0 points: the submission tampered with grading, or used what the tamper guard forbids;
/// the message names file, line and identifier, or what was tampered with).
enum class ExerciseStatus { passed, failed, build_error, not_run, refused };

/// Returns: the status as the report schema spells it ("not_run").
const char* to_string(TestStatus status);
const char* to_string(ExerciseStatus status);

/// Returns: the status as a word for people ("build error", "not run").
const char* status_word(ExerciseStatus status);

struct TestReport {
  std::string name;  ///< "Suite.Test", as GoogleTest names it
  TestStatus status = TestStatus::not_run;
  int score = 0;
  int max_score = 0;  ///< 0 for a skipped test: it is reported, never counted
  std::string message;
  double seconds = 0;
};

struct BuildReport {
  bool ok = false;
  double seconds = 0;
  std::string diagnostics;  ///< compiler output, valid UTF-8, truncated
};

struct ExerciseReport {
  std::string id;
  std::string title;
  std::string day;
  std::string lesson;
  ExerciseStatus status = ExerciseStatus::not_run;
  int score = 0;
  int max_score = 0;
  /// Why it was not run, refused (file, line and what the tamper guard forbids), or why its
  /// suite could not be read; may be empty, except for a refused exercise.
  std::string message;
  /// Who may see it, from the manifest: hidden, after_due_date, after_published, visible
  /// (Gradescope's values; the gradescope report passes it on to each test).
  std::string visibility = "visible";
  BuildReport build;
  std::vector<TestReport> tests;
};

/// Returns: the tests of `exercise` that neither passed nor were skipped, worth the most
/// points first (in the suite's order among equals): a 2-point sanitizer finding is read
/// before a 1-point assertion.
std::vector<const TestReport*> failing_tests(const ExerciseReport& exercise);

/// Returns: the first of failing_tests(exercise), or nullptr.
const TestReport* first_failing_test(const ExerciseReport& exercise);

/// What a learner should read first about an exercise that did not pass: its first
/// compiler error, else its first failing test's message, else the exercise's message.
struct FirstProblem {
  bool build_error = false;
  const TestReport* test = nullptr;  ///< the first failing test, when that is the problem
  std::string text;                  ///< at most the `max_lines` asked for
};

/// Returns: the first problem of `exercise`, its text cut to `max_lines` lines; for a
/// refused exercise, the reason it was refused (whatever its tests say).
FirstProblem first_problem(const ExerciseReport& exercise, std::size_t max_lines);

/// Returns: 100 * score / max_score, or 0 when max_score is 0.
double percent_of(int score, int max_score);

struct Report {
  static constexpr int kSchemaVersion = 1;
  std::string tool_version;
  std::string compiler;  ///< the compiler the graded tree was built with
  std::string workspace;
  std::vector<ExerciseReport> exercises;

  int score() const;
  int max_score() const;
  int exercises_passed() const;
  /// Returns: how many exercises were refused (0 points each).
  int exercises_refused() const;
  /// Returns: percent_of(score(), max_score()).
  double percent() const { return percent_of(score(), max_score()); }
};

}  // namespace grader
