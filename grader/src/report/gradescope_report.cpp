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

// What a refused exercise's entries say: the reason, never a test's own verdict.
std::string refusal_output(const ExerciseReport& e) {
  return "refused, 0 points: " + e.message;
}

// A 0-point entry for what kept an exercise from being graded, or nothing.
std::optional<json> problem_entry(const ExerciseReport& e, std::size_t exercise) {
  std::string name = "grading";
  std::string output;
  if (e.status == ExerciseStatus::build_error) {
    name = "build";
    output = "the exercise did not build:\n" + e.build.diagnostics;
  } else if (e.status == ExerciseStatus::refused) {
    name = "refused";
    output = refusal_output(e);
  } else if (e.status == ExerciseStatus::not_run || e.tests.empty()) {
    output = e.message.empty() ? "the exercise could not be graded" : e.message;
  } else {
    return std::nullopt;
  }
  json j = entry(e, exercise, 0, name, 0, 0);
  j["status"] = "failed";
  j["output"] = output;
  return j;
}

// The entry of test `k` of `e`: a refused exercise's tests all fail with its reason (their
// score is 0, as scoring left it), so none shows as passed.
json test_entry(const ExerciseReport& e, std::size_t exercise, std::size_t k) {
  const TestReport& t = e.tests[k];
  json j = entry(e, exercise, k + 1, t.name, t.score, t.max_score);
  if (e.status == ExerciseStatus::refused) {
    j["status"] = "failed";
    j["output"] = refusal_output(e);
    return j;
  }
  if (t.status != TestStatus::skipped)
    j["status"] = t.status == TestStatus::passed ? "passed" : "failed";
  j["output"] = t.status == TestStatus::passed
                    ? std::string("passed")
                    : fmt::format("{}: {}", to_string(t.status), t.message);
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
      seconds += e.tests[k].seconds;
      tests.push_back(test_entry(e, i + 1, k));
    }
  }
  return {{"score", report.score()},       {"max_score", report.max_score()},
          {"execution_time", seconds},     {"output", render_text(report, TextStyle{false, true})},
          {"output_format", "text"},       {"visibility", "visible"},
          {"stdout_visibility", "hidden"}, {"tests", tests}};
}

}  // namespace grader
