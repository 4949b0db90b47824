// report/model.hpp — what grading produces, before it is written in any format.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace grader {

/// The verdict of one hidden test.
enum class TestStatus { passed, failed, crashed, timeout, sanitizer, skipped, not_run };

/// The verdict of one exercise: passed (every test passed), failed, build_error,
/// or not_run (it could not be graded: a broken manifest, a missing suite).
enum class ExerciseStatus { passed, failed, build_error, not_run };

const char* to_string(TestStatus status);
const char* to_string(ExerciseStatus status);

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
  std::string message;  ///< why it was not run or why its suite could not be read; may be empty
  BuildReport build;
  std::vector<TestReport> tests;
  /// Who may see it, from the manifest: hidden, after_due_date, after_published, visible
  /// (Gradescope's values; the gradescope report passes it on to each test). Last, so
  /// aggregate initializers written before it existed still mean the same.
  std::string visibility = "visible";
};

/// Returns: the first test of `exercise` that neither passed nor was skipped, or nullptr.
const TestReport* first_failing_test(const ExerciseReport& exercise);

struct Report {
  static constexpr int kSchemaVersion = 1;
  std::string tool_version;
  std::string compiler;
  std::string workspace;
  std::vector<ExerciseReport> exercises;

  int score() const;
  int max_score() const;
  int exercises_passed() const;
};

}  // namespace grader
