#include <gtest/gtest.h>

#include "report/text_report.hpp"

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

}  // namespace
}  // namespace grader
