// report/class_summary.hpp — a whole class graded by `grader batch`: one entry per
// student, the score distribution, and how often each hidden test passed (so an
// instructor sees which tests are too hard or too easy).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/report.hpp"
#include "report/similarity.hpp"

namespace grader {

/// One student of a batch. Invariant: exactly one of `report` and `refused` is set.
struct StudentResult {
  std::string student;           ///< the submission's name (directory or archive stem), UTF-8
  std::optional<Report> report;  ///< the grade, when the submission could be graded
  std::string refused;           ///< one line: why it was not graded (unsafe archive, ...)
};

/// How one hidden test fared across the graded students.
struct TestPassRate {
  std::string exercise_id;
  std::string test;  ///< "Suite.Test"
  int passed = 0;    ///< students whose run of this test passed
  int graded = 0;    ///< students graded on it (refused submissions and exercises are not counted)
};

/// One exercise of one student refused by the tamper guard (0 points).
struct ExerciseRefusal {
  std::string student;
  std::string exercise_id;
  std::string reason;  ///< the exercise's message: file, line and what the guard forbids
};

struct ClassSummary {
  std::vector<StudentResult> students;    ///< sorted by student name
  std::vector<std::string> exercise_ids;  ///< in course order: the gradebook's columns
  std::vector<TestPassRate> pass_rates;   ///< in course order, then suite order
  /// Score percentages of the graded students, in student order (for the histogram).
  std::vector<double> percents;
  /// Every refused exercise of the graded students, in student order, then course order.
  std::vector<ExerciseRefusal> refusals;
  /// The last `grader similarity` of the class (OUT/similarity.json), when one ran.
  std::optional<ClassSimilarity> similarity;
};

/// Returns: the summary of `students` (sorted by name), with pass rates, percents and
/// refused exercises.
ClassSummary summarize_class(std::vector<StudentResult> students);

/// Returns: how many students had exercise `exercise_id` refused.
int refusals_of(const ClassSummary& summary, const std::string& exercise_id);

/// Returns: a self-contained HTML page (inline CSS and SVG, no network fetch) with the
/// class score histogram, a table of students, the refused exercises (how many per
/// exercise, then who and why), the per-test pass rates, and the most similar pairs of each
/// exercise when `summary.similarity` is set.
std::string render_class_html(const ClassSummary& summary);

/// Returns: the class summary as GitHub-flavoured Markdown (fits $GITHUB_STEP_SUMMARY):
/// the histogram, the students, the refused exercises and the pass rates.
std::string render_class_markdown(const ClassSummary& summary);

}  // namespace grader
