// batch/student_store.hpp — OUT/students/<student>/: one finished student's reports.
//
// A batch can be interrupted and run again: a student whose reports are complete and
// whose submission and course did not change since is not graded again. The record
// (batch.json) is written last, so its presence means every report beside it is whole.
// A refused submission leaves refused.json alone instead. `grader gradebook` rebuilds the
// class files from these, so shards that graded a class apart merge into one gradebook.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "model/report.hpp"
#include "report/class_summary.hpp"

namespace grader {

/// What a student's reports were made from.
struct StudentRecord {
  std::string submission_hash;    ///< intake_hash() of the submission
  std::string course_key;         ///< course_key() of the batch: suites, course, compiler, grader
  std::size_t learner_files = 0;  ///< learner files found in the submission
  double seconds = 0;             ///< how long grading it took
};

/// Returns: the report kept in `dir` when its record matches `expected` (same
/// submission_hash and course_key) and report.json reads back; nullopt otherwise (never
/// finished, changed since, or damaged). `found` receives the stored record.
std::optional<Report> reusable_report(const std::filesystem::path& dir,
                                      const StudentRecord& expected, StudentRecord& found);

/// Effects: writes `report` into `dir` in every report format, each file atomically,
/// then the record. The old record is removed first, so an interruption midway leaves
/// a student that is graded again. Throws: std::runtime_error naming a file.
void store_student(const std::filesystem::path& dir, const Report& report,
                   const StudentRecord& record);

/// Effects: records in `dir` that the student's submission was refused for `reason`: its
/// reports and record are removed (no stale grade survives), then refused.json is written
/// atomically. Throws: std::runtime_error naming a file.
void store_refusal(const std::filesystem::path& dir, const std::string& reason);

/// A student's result as a finished batch left it in OUT/students/<student>/.
struct StoredResult {
  StudentResult result;           ///< the report, or why the submission was refused
  std::size_t learner_files = 0;  ///< learner files found (0 for a refused submission)
};

/// Returns: what `dir` holds for `student`: a graded student's report (its record present
/// and report.json readable), or a refusal; nullopt when it holds neither (not graded yet,
/// interrupted, damaged).
std::optional<StoredResult> stored_result(const std::filesystem::path& dir,
                                          const std::string& student);

}  // namespace grader
