#include <gtest/gtest.h>

#include "report/text_report.hpp"
#include "sample_reports.hpp"

namespace grader {
namespace {

// Nothing to do is an empty bar at 0%, not a division by zero.
TEST(ProgressBar, EmptyTotal) {
  EXPECT_EQ(progress_bar(0, 0, 10, false), "[..........]   0%");
}

// The bar fills in proportion, rounded to the nearest cell.
TEST(ProgressBar, Proportional) {
  EXPECT_EQ(progress_bar(5, 10, 10, false), "[#####.....]  50%");
  EXPECT_EQ(progress_bar(2, 3, 10, false), "[#######...]  67%");
  EXPECT_EQ(progress_bar(9, 9, 4, false), "[####] 100%");
}

// Colour wraps the bar in ANSI escapes; without it there are none.
TEST(ProgressBar, Color) {
  EXPECT_NE(progress_bar(1, 2, 10, true).find("\x1b["), std::string::npos);
  EXPECT_EQ(progress_bar(1, 2, 10, false).find("\x1b["), std::string::npos);
}

// A failing exercise shows its first failing test and that test's message.
TEST(RenderText, ShowsFirstFailure) {
  Report r;
  ExerciseReport e{.id = "01-a",
                   .title = "A",
                   .day = "1-2",
                   .status = ExerciseStatus::failed,
                   .score = 1,
                   .max_score = 2,
                   .build = {.ok = true}};
  e.tests = {{.name = "A.Good", .status = TestStatus::passed, .score = 1, .max_score = 1},
             {.name = "A.Bad", .status = TestStatus::crashed, .max_score = 1, .message = "boom"}};
  r.exercises = {e};
  const std::string text = render_text(r, TextStyle{.color = false, .details = true});
  EXPECT_NE(text.find("FAIL 01-a"), std::string::npos) << text;
  EXPECT_NE(text.find("A.Bad — crashed:\n      boom"), std::string::npos) << text;
  EXPECT_NE(text.find("1/2 points, 0/1 exercises passed"), std::string::npos) << text;
}

// The failing test worth the most points comes first with its message, the others after it
// by name (kills: the first failing test in suite order, which hid a 2-point finding).
TEST(RenderText, FailuresWorthTheMostComeFirst) {
  Report r;
  ExerciseReport e{.id = "01-a", .title = "A", .day = "1-2", .status = ExerciseStatus::failed};
  e.tests = {{.name = "A.Small", .status = TestStatus::failed, .max_score = 1, .message = "a"},
             {.name = "A.Big", .status = TestStatus::sanitizer, .max_score = 2, .message = "b"},
             {.name = "A.Other", .status = TestStatus::failed, .max_score = 1, .message = "c"}};
  r.exercises = {e};
  const std::string text = render_text(r, TextStyle{.color = false, .details = true});
  EXPECT_NE(text.find("A.Big — sanitizer:\n      b\n      also failing (2): A.Small (1 point), "
                      "A.Other (1 point)\n"),
            std::string::npos)
      << text;
}

// A skipped test is listed with its reason even on a passed exercise and without details.
TEST(RenderText, SkippedTestShowsItsReason) {
  Report r;
  ExerciseReport e{.id = "05-a", .title = "A", .day = "1-2", .status = ExerciseStatus::passed};
  e.tests = {{.name = "A.OnQemu",
              .status = TestStatus::skipped,
              .message = "qemu-system-arm is not installed (3 points not counted here)"}};
  r.exercises = {e};
  const std::string text = render_text(r, TextStyle{.color = false, .details = false});
  EXPECT_NE(text.find("skipped: A.OnQemu — qemu-system-arm is not installed (3 points"),
            std::string::npos)
      << text;
}

// A refused exercise says it was refused and why, not its first failing test.
TEST(RenderText, RefusedSaysWhyNotItsTests) {
  const std::string text = render_text(testing_support::report_with_refusal(), TextStyle{});
  EXPECT_NE(text.find("(refused)\n      refused, 0 points: " +
                      std::string(testing_support::kRefusalReason) + "\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("D.Two"), std::string::npos) << text;
}

// Why an exercise was refused is shown even when details are turned off.
TEST(RenderText, RefusedReasonShownWithoutDetails) {
  const std::string text = render_text(testing_support::report_with_refusal(),
                                       TextStyle{.color = false, .details = false});
  EXPECT_NE(text.find(testing_support::kRefusalReason), std::string::npos) << text;
  EXPECT_EQ(text.find("error: x"), std::string::npos) << text;  // other details stay hidden
}

// The total line counts the refused exercises, and says nothing of them when there are none.
TEST(RenderText, TotalLineCountsRefused) {
  EXPECT_NE(render_text(testing_support::report_with_refusal(), TextStyle{})
                .find("3/8 points, 1/4 exercises passed, 1 refused\n"),
            std::string::npos);
  EXPECT_NE(render_text(testing_support::three_exercise_report(), TextStyle{})
                .find("3/5 points, 1/3 exercises passed\n"),
            std::string::npos);
}

}  // namespace
}  // namespace grader
