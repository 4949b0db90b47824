// Batch resume: a finished student's reports are reused only while nothing changed.
#include <gtest/gtest.h>

#include <fstream>

#include "batch/student_store.hpp"
#include "process/scratch_dir.hpp"
#include "report/formats.hpp"
#include "sample_reports.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

using testing_support::three_exercise_report;

class StudentStore : public ::testing::Test {
 protected:
  fs::path dir() const { return scratch_.path() / "alice"; }
  StudentRecord record_{"hash-1", "course-1", 3, 12.5};
  ScratchDir scratch_;
};

TEST_F(StudentStore, StoresEveryFormatAndReusesWhenUnchanged) {
  store_student(dir(), three_exercise_report(), record_);
  for (const ReportFormat f : {ReportFormat::json, ReportFormat::text, ReportFormat::html})
    EXPECT_TRUE(fs::exists(dir() / file_name(f))) << file_name(f);
  StudentRecord found;
  const std::optional<Report> reused = reusable_report(dir(), record_, found);
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused->score(), 3);
  EXPECT_EQ(found.learner_files, 3u);
  EXPECT_DOUBLE_EQ(found.seconds, 12.5);
}

TEST_F(StudentStore, ChangedSubmissionOrCourseIsGradedAgain) {
  store_student(dir(), three_exercise_report(), record_);
  StudentRecord found;
  StudentRecord other = record_;
  other.submission_hash = "hash-2";
  EXPECT_FALSE(reusable_report(dir(), other, found));
  other = record_;
  other.course_key = "course-2";
  EXPECT_FALSE(reusable_report(dir(), other, found));
}

TEST_F(StudentStore, UnfinishedOrDamagedIsGradedAgain) {
  StudentRecord found;
  EXPECT_FALSE(reusable_report(dir(), record_, found)) << "never graded";
  store_student(dir(), three_exercise_report(), record_);
  std::ofstream(dir() / file_name(ReportFormat::json)) << "{ half a rep";
  EXPECT_FALSE(reusable_report(dir(), record_, found)) << "damaged report";
  store_student(dir(), three_exercise_report(), record_);
  fs::remove(dir() / "batch.json");
  EXPECT_FALSE(reusable_report(dir(), record_, found)) << "interrupted before the record";
}

}  // namespace
}  // namespace grader
