// batch/grade_student.hpp — one student of a batch, from submission to stored reports.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "batch/intake.hpp"
#include "batch/submissions.hpp"
#include "build/compiler_cache.hpp"
#include "course/course.hpp"
#include "grading/verdict_store.hpp"
#include "report/class_summary.hpp"

namespace grader {

/// What every student of one batch is graded against, and where things go.
struct BatchPlan {
  std::filesystem::path project;       ///< the grader's sources (cmake/tree)
  const Course* course = nullptr;      ///< the course graded against; never null once planned
  std::filesystem::path submissions;   ///< SUBMISSIONS_DIR
  std::filesystem::path out;           ///< OUT: students/, work/, cache/, the gradebook
  std::vector<CourseEntry> exercises;  ///< the exercises graded, in course order
  std::string digest;                  ///< course_digest() of this batch
  std::string compiler;                ///< the tree compiler, for a report graded all from cache
  std::string course_key;              ///< course_key() of `exercises`
  IntakeLimits limits;
  std::vector<std::string> students;  ///< every student of the batch
  /// The compiler cache every student's build shares (ccache and OUT/ccache by default);
  /// nullopt: none. grade() uses it only where the sandbox works.
  std::optional<CompilerCache> compiler_cache;
  /// Regrade from scratch (`--only`): neither a stored report nor a cached verdict is reused.
  bool fresh = false;
};

/// Returns: OUT/students/<student>, where a student's reports are kept.
std::filesystem::path student_dir(const BatchPlan& plan, const std::string& student);

/// Returns: OUT/work/<student>, the student's workspace and build (its scratch directory).
std::filesystem::path work_dir(const BatchPlan& plan, const std::string& student);

enum class StudentFate {
  graded,     ///< graded now (some verdicts may have come from the cache)
  reused,     ///< finished by an earlier run and unchanged since: not graded again
  refused,    ///< not graded: the reason is in result.refused
  cancelled,  ///< interrupted: nothing was stored
};

struct StudentOutcome {
  StudentResult result;
  StudentFate fate = StudentFate::refused;
  double seconds = 0;             ///< spent on it in this run
  std::size_t learner_files = 0;  ///< learner files found in the submission
  int cached = 0;                 ///< exercises whose verdict came from the cache
};

/// Effects: reads `submission` (refusing it when unsafe), stages its workspace under
/// work_dir(), reuses the verdict of every exercise `cache` knows (by source_key()), grades the
/// others in one grade() call (sandboxed, one build job, with the solutions, the submissions and
/// the rest of OUT hidden), stores the new verdicts in `cache` and the reports under
/// student_dir() (a refusal as refused.json there). With plan.fresh, neither the stored
/// reports nor the cache are read. When `cancelled` becomes true while it grades, nothing is
/// stored.
/// Returns: the outcome. Throws: nothing but std::bad_alloc (a failure is a refusal
/// with its reason).
StudentOutcome grade_student(const BatchPlan& plan, const VerdictStore& cache,
                             const Submission& submission, const std::atomic<bool>& cancelled);

}  // namespace grader
