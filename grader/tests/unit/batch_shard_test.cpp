// Sharded batch: --shard parsing, the stable assignment, and merging per-student results.
#include <gtest/gtest.h>

#include <fstream>

#include "batch/class_files.hpp"
#include "batch/shard.hpp"
#include "batch/student_store.hpp"
#include "process/scratch_dir.hpp"
#include "sample_reports.hpp"
#include "util/errors.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

using testing_support::three_exercise_report;

// K/N is read as written.
TEST(ShardOption, ParsesKOfN) {
  const Shard shard = parse_shard("3/8");
  EXPECT_EQ(shard.index, 3);
  EXPECT_EQ(shard.count, 8);
}

// Anything but 1 <= K <= N is bad usage.
TEST(ShardOption, RejectsMalformedShards) {
  for (const char* bad : {"", "3", "0/2", "3/2", "1/0", "a/2", "1/2x", "-1/2", "1/1000000"})
    EXPECT_THROW(parse_shard(bad), UsageError) << bad;
}

// Every student is in exactly one shard, and the split is roughly even.
TEST(ShardOption, EveryStudentIsInExactlyOneShard) {
  constexpr int kShards = 4;
  constexpr int kStudents = 400;
  std::vector<int> sizes(kShards);
  for (int s = 0; s < kStudents; ++s) {
    int holders = 0;
    for (int k = 1; k <= kShards; ++k) {
      if (in_shard("student-" + std::to_string(s), Shard{.index = k, .count = kShards})) {
        ++holders;
        ++sizes[k - 1];
      }
    }
    EXPECT_EQ(holders, 1) << s;
  }
  for (const int size : sizes) EXPECT_GT(size, kStudents / kShards / 2);
}

class ClassMergeTest : public ::testing::Test {
 protected:
  fs::path out() const { return scratch_.path(); }
  void graded(const std::string& student) {
    store_student(out() / "students" / student, three_exercise_report(),
                  StudentRecord{.submission_hash = "h", .course_key = "c", .learner_files = 3});
  }
  ScratchDir scratch_;
};

// The merge takes every student of the roster: graded ones and refused ones.
TEST_F(ClassMergeTest, MergesGradedAndRefusedStudents) {
  write_roster(out(), {"bob", "alice"});
  graded("alice");
  store_refusal(out() / "students" / "bob", "climbs out with '..'");
  const ClassMerge merge = merge_class(out());
  ASSERT_EQ(merge.summary.students.size(), 2u);
  EXPECT_TRUE(merge.summary.students[0].report);
  EXPECT_EQ(merge.summary.students[1].refused, "climbs out with '..'");
}

// A student of the roster without a result (a shard not run yet) fails the merge by name.
TEST_F(ClassMergeTest, NamesStudentsWithoutAResult) {
  write_roster(out(), {"alice", "bob"});
  graded("alice");
  try {
    merge_class(out());
    FAIL() << "merged without bob";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("1 of the class have no result yet (bob)"),
              std::string::npos)
        << e.what();
  }
}

// A student regraded after a refusal is graded, not refused, in the next merge.
TEST_F(ClassMergeTest, AGradeReplacesAnEarlierRefusal) {
  write_roster(out(), {"alice"});
  store_refusal(out() / "students" / "alice", "unreadable");
  graded("alice");
  EXPECT_TRUE(merge_class(out()).summary.students.at(0).report);
}

// A directory where no batch ran is bad usage, not an empty gradebook.
TEST_F(ClassMergeTest, NoRosterIsBadUsage) {
  EXPECT_THROW(merge_class(out()), UsageError);
}

}  // namespace
}  // namespace grader
