#include "report/gradescope_report.hpp"

#include <optional>

#include <fmt/format.h>

#include "report/text_report.hpp"

namespace grader {
namespace {

using nlohmann::json;

json entry(const ExerciseReport& e, std::size_t exercise, std::size_t test, const std::string& name,
           int score, int max_score) {
  return {{"name", fmt::format("{}: {}", e.id, name)},
          {"number", fmt::format("{}.{}", exercise, test)},
          {"score", score},
          {"max_score", max_score},
          {"visibility", e.visibility},
          {"tags", json::array({e.id})}};
}

// A 0-point entry for what kept an exercise from being graded, or nothing.
std::optional<json> problem_entry(const ExerciseReport& e, std::size_t exercise) {
  std::string output;
  if (e.status == ExerciseStatus::build_error) {
    output = "the exercise did not build:\n" + e.build.diagnostics;
  } else if (e.status == ExerciseStatus::not_run || e.tests.empty()) {
    output = e.message.empty() ? "the exercise could not be graded" : e.message;
  } else {
    return std::nullopt;
  }
  json j =
      entry(e, exercise, 0, e.status == ExerciseStatus::build_error ? "build" : "grading", 0, 0);
  j["status"] = "failed";
  j["output"] = output;
  return j;
}

}  // namespace

json gradescope_json(const Report& report) {
  json tests = json::array();
  double seconds = 0;
  for (std::size_t i = 0; i < report.exercises.size(); ++i) {
    const ExerciseReport& e = report.exercises[i];
    seconds += e.build.seconds;
    if (std::optional<json> problem = problem_entry(e, i + 1)) tests.push_back(*problem);
    for (std::size_t k = 0; k < e.tests.size(); ++k) {
      const TestReport& t = e.tests[k];
      seconds += t.seconds;
      json j = entry(e, i + 1, k + 1, t.name, t.score, t.max_score);
      if (t.status != TestStatus::skipped)
        j["status"] = t.status == TestStatus::passed ? "passed" : "failed";
      j["output"] = t.status == TestStatus::passed
                        ? std::string("passed")
                        : fmt::format("{}: {}", to_string(t.status), t.message);
      tests.push_back(std::move(j));
    }
  }
  return {{"score", report.score()},       {"max_score", report.max_score()},
          {"execution_time", seconds},     {"output", render_text(report, TextStyle{false, true})},
          {"output_format", "text"},       {"visibility", "visible"},
          {"stdout_visibility", "hidden"}, {"tests", tests}};
}

}  // namespace grader
