// batch/student_store.hpp — OUT/students/<student>/: one finished student's reports.
//
// A batch can be interrupted and run again: a student whose reports are complete and
// whose submission and course did not change since is not graded again. The record
// (batch.json) is written last, so its presence means every report beside it is whole.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "model/report.hpp"

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

}  // namespace grader
