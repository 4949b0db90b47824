// Batch outputs: CSV quoting, the gradebook, the class summary and its numbers.
#include <gtest/gtest.h>

#include "batch/class_json.hpp"
#include "batch/gradebook.hpp"
#include "report/class_summary.hpp"

namespace grader {
namespace {

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("alice"), "alice");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("Smith, Jo"), "\"Smith, Jo\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
  EXPECT_EQ(csv_field("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(CsvField, NeutralizesSpreadsheetFormulas) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-1"), "'-1");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
}

TestReport test(const std::string& name, TestStatus status, int points = 1) {
  return TestReport{name,
                    status,
                    status == TestStatus::passed ? points : 0,
                    status == TestStatus::skipped ? 0 : points,
                    "",
                    0};
}

ExerciseReport exercise(const std::string& id, std::vector<TestReport> tests) {
  ExerciseReport e;
  e.id = id;
  for (const TestReport& t : tests) {
    e.score += t.score;
    e.max_score += t.max_score;
  }
  e.tests = std::move(tests);
  return e;
}

StudentResult graded(const std::string& name, std::vector<ExerciseReport> exercises) {
  Report r;
  r.exercises = std::move(exercises);
  return StudentResult{name, r, ""};
}

std::vector<StudentResult> klass() {
  return {
      graded("carol", {exercise("01-a", {test("A.x", TestStatus::passed),
                                         test("A.y", TestStatus::crashed, 3)}),
                       exercise("02-b", {test("B.x", TestStatus::passed)})}),
      StudentResult{"mallory", std::nullopt, "symbolic link 'x'"},
      graded("alice", {exercise("01-a", {test("A.x", TestStatus::passed),
                                         test("A.y", TestStatus::passed, 3)}),
                       exercise("02-b", {test("B.x", TestStatus::skipped)})}),
      graded("bob", {exercise("01-a", {test("A.x", TestStatus::failed),
                                       test("A.y", TestStatus::failed, 3)}),
                     exercise("02-b", {test("B.x", TestStatus::failed)})}),
  };
}

TEST(SummarizeClass, SortsAndCounts) {
  const ClassSummary s = summarize_class(klass());
  ASSERT_EQ(s.students.size(), 4u);
  EXPECT_EQ(s.students[0].student, "alice");
  EXPECT_EQ(s.students[3].student, "mallory");
  EXPECT_EQ(s.exercise_ids, (std::vector<std::string>{"01-a", "02-b"}));
  // alice 4/4, bob 0/5, carol 2/5; mallory was refused and has no percent.
  EXPECT_EQ(s.percents, (std::vector<double>{100.0, 0.0, 40.0}));
  ASSERT_EQ(s.pass_rates.size(), 3u);
  EXPECT_EQ(s.pass_rates[0].test, "A.x");
  EXPECT_EQ(s.pass_rates[0].passed, 2);
  EXPECT_EQ(s.pass_rates[0].graded, 3);
  EXPECT_EQ(s.pass_rates[1].test, "A.y");
  EXPECT_EQ(s.pass_rates[1].passed, 1);
  EXPECT_EQ(s.pass_rates[2].exercise_id, "02-b");
  EXPECT_EQ(s.pass_rates[2].passed, 1);
  EXPECT_EQ(s.pass_rates[2].graded, 2) << "a skipped test is not counted";
}

TEST(SummarizeClass, Empty) {
  const ClassSummary s = summarize_class({});
  EXPECT_TRUE(s.students.empty());
  EXPECT_TRUE(s.pass_rates.empty());
  EXPECT_EQ(median(s.percents), 0);
  EXPECT_EQ(mean(s.percents), 0);
}

TEST(ClassNumbers, MeanAndMedian) {
  EXPECT_DOUBLE_EQ(median({40, 0, 100}), 40);
  EXPECT_DOUBLE_EQ(median({40, 0, 100, 60}), 50);
  EXPECT_DOUBLE_EQ(mean({40, 0, 100, 60}), 50);
  EXPECT_DOUBLE_EQ(class_to_json(summarize_class(klass()))["median_percent"].get<double>(), 40);
}

TEST(Gradebook, OneRowPerStudentOneColumnPerExercise) {
  const std::string csv =
      render_gradebook(summarize_class(klass()), {"", "no learner files found", ""});
  EXPECT_EQ(csv,
            "student,01-a,02-b,total,max,percent,status,reason\r\n"
            "alice,4,0,4,4,100.0,graded,\r\n"
            "bob,0,0,0,5,0.0,graded,no learner files found\r\n"
            "carol,1,1,2,5,40.0,graded,\r\n"
            "mallory,,,,,,refused,symbolic link 'x'\r\n");
}

}  // namespace
}  // namespace grader
