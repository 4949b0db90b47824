// sample_reports.hpp — reports the unit tests share: one place to build them.
#pragma once

#include "model/report.hpp"
#include "report/class_summary.hpp"

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

/// Why refused_exercise() was refused, as the tamper guard words it.
inline constexpr const char* kRefusalReason =
    "exercises/04-d/alloc.cpp:14: names '__lsan_is_turned_off', which the tamper guard forbids";

/// 04-d, refused: 0/3 although its suite ran, one test passed (forged, maybe) and one
/// failed with a message of its own.
inline ExerciseReport refused_exercise() {
  ExerciseReport refused{.id = "04-d",
                         .title = "D",
                         .day = "5-7",
                         .status = ExerciseStatus::refused,
                         .max_score = 3,
                         .message = kRefusalReason,
                         .build = {.ok = true, .seconds = 1}};
  refused.tests = {{.name = "D.One", .status = TestStatus::passed, .max_score = 1},
                   {.name = "D.Two",
                    .status = TestStatus::failed,
                    .max_score = 2,
                    .message = "expected 1, got 2"}};
  return refused;
}

/// three_exercise_report() and refused_exercise(): 3/8 points, 1 of 4 exercises refused.
inline Report report_with_refusal() {
  Report report = three_exercise_report();
  report.exercises.push_back(refused_exercise());
  return report;
}

/// A class of three, unsorted: dave graded with report_with_refusal(), alice graded with
/// three_exercise_report(), mallory's submission refused whole.
inline std::vector<StudentResult> class_with_refusal() {
  return {StudentResult{.student = "dave", .report = report_with_refusal()},
          StudentResult{.student = "alice", .report = three_exercise_report()},
          StudentResult{.student = "mallory", .refused = "symbolic link 'x'"}};
}

}  // namespace grader::testing_support
