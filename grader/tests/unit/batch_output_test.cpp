// Batch outputs: CSV quoting, the gradebook, the class summary and its numbers.
#include <gtest/gtest.h>

#include "batch/class_json.hpp"
#include "batch/gradebook.hpp"
#include "report/class_summary.hpp"
#include "sample_reports.hpp"

namespace grader {
namespace {

using testing_support::class_with_refusal;
using testing_support::kRefusalReason;

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
            "student,01-a,02-b,total,max,percent,refused,status,reason\r\n"
            "alice,4,0,4,4,100.0,0,graded,\r\n"
            "bob,0,0,0,5,0.0,0,graded,no learner files found\r\n"
            "carol,1,1,2,5,40.0,0,graded,\r\n"
            "mallory,,,,,,,refused,symbolic link 'x'\r\n");
}

// A student with a refused exercise: its count in the refused column, status graded, and
// each refusal then the note in the reason (one quoted field).
TEST(Gradebook, RefusedExerciseCountedWithItsReason) {
  const std::string csv =
      render_gradebook(summarize_class(class_with_refusal()), {"", "no learner files found", ""});
  EXPECT_EQ(csv,
            "student,01-a,02-b,03-c,04-d,total,max,percent,refused,status,reason\r\n"
            "alice,3,0,0,,3,5,60.0,0,graded,\r\n"
            "dave,3,0,0,0,3,8,37.5,1,graded,\"04-d refused: " +
                std::string(kRefusalReason) +
                "; no learner files found\"\r\n"
                "mallory,,,,,,,,,refused,symbolic link 'x'\r\n");
}

// The refused exercises are listed, student by student, with their reasons.
TEST(SummarizeClass, ListsRefusedExercises) {
  const ClassSummary s = summarize_class(class_with_refusal());
  ASSERT_EQ(s.refusals.size(), 1u);
  EXPECT_EQ(s.refusals[0].student, "dave");
  EXPECT_EQ(s.refusals[0].exercise_id, "04-d");
  EXPECT_EQ(s.refusals[0].reason, kRefusalReason);
  EXPECT_EQ(refusals_of(s, "04-d"), 1);
  EXPECT_EQ(refusals_of(s, "01-a"), 0);
}

// A refused exercise's tests say nothing of how hard they are: no pass rate counts them.
TEST(SummarizeClass, RefusedExerciseLeftOutOfPassRates) {
  const ClassSummary s = summarize_class(class_with_refusal());
  for (const TestPassRate& rate : s.pass_rates) EXPECT_NE(rate.exercise_id, "04-d") << rate.test;
  EXPECT_FALSE(s.pass_rates.empty());
}

// summary.json counts refused exercises per student, per exercise and in the class, and
// lists who was refused and why.
TEST(ClassJson, CountsAndListsRefusals) {
  const nlohmann::json j = class_to_json(summarize_class(class_with_refusal()));
  EXPECT_EQ(j["exercises_refused"], 1);
  EXPECT_EQ(j["refused_by_exercise"],
            (nlohmann::json{{"01-a", 0}, {"02-b", 0}, {"03-c", 0}, {"04-d", 1}}));
  EXPECT_EQ(j["refusals"],
            (nlohmann::json::array(
                {{{"student", "dave"}, {"exercise_id", "04-d"}, {"reason", kRefusalReason}}})));
  EXPECT_EQ(j["students"][0]["exercises_refused"], 0);  // alice
  EXPECT_EQ(j["students"][1]["exercises_refused"], 1);  // dave
}

}  // namespace
}  // namespace grader
