// sample_reports.hpp — reports the unit tests share: one place to build them.
#pragma once

#include "model/report.hpp"

namespace grader::testing_support {

/// Three exercises: 01-a passed (3/3 with a skipped test), 02-b failed (0/2: a sanitizer
/// finding and a timeout), 03-c did not build.
inline Report three_exercise_report() {
  ExerciseReport passed{.id = "01-a",
                        .title = "A",
                        .day = "1-2",
                        .lesson = "lessons/a.md#a",
                        .status = ExerciseStatus::passed,
                        .score = 3,
                        .max_score = 3,
                        .build = {.ok = true, .seconds = 1.5}};
  passed.tests = {{.name = "A.One", .status = TestStatus::passed, .score = 1, .max_score = 1},
                  {.name = "A.Two", .status = TestStatus::passed, .score = 2, .max_score = 2},
                  {.name = "A.Three", .status = TestStatus::skipped, .message = "no tool"}};
  ExerciseReport failed{.id = "02-b",
                        .title = "B",
                        .day = "3-4",
                        .status = ExerciseStatus::failed,
                        .max_score = 2,
                        .build = {.ok = true, .seconds = 2}};
  failed.tests = {
      {.name = "B.One", .status = TestStatus::sanitizer, .max_score = 1, .message = "leak"},
      {.name = "B.Two", .status = TestStatus::timeout, .max_score = 1, .seconds = 2}};
  const ExerciseReport broken{.id = "03-c",
                              .title = "C",
                              .day = "5-7",
                              .status = ExerciseStatus::build_error,
                              .build = {.ok = false, .seconds = 4, .diagnostics = "error: x"}};
  return Report{.tool_version = "1.2.3",
                .compiler = "GNU 12.2.0",
                .workspace = "/work/exercises",
                .exercises = {passed, failed, broken}};
}

}  // namespace grader::testing_support
