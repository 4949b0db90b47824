#include "report/exercism_report.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace grader {
namespace {

using nlohmann::json;

// The interface's limits: a test's output, and the top-level message.
constexpr std::size_t kOutputChars = 500;
constexpr std::size_t kExercismMessageBytes = 65535;
// truncate_utf8's marker line takes at most this much, so the cut output stays in bounds.
constexpr std::size_t kMarkerBytes = 60;

// The suite runner appends what a crashed or timed-out test printed after this line.
constexpr std::string_view kOutputSeparator = "\n--- output ---\n";

const char* exercism_status(TestStatus status) {
  switch (status) {
    case TestStatus::passed:
      return "pass";
    case TestStatus::failed:
    case TestStatus::sanitizer:
      return "fail";
    case TestStatus::crashed:
    case TestStatus::timeout:
    case TestStatus::skipped:
    case TestStatus::not_run:
      return "error";
  }
  return "error";
}

json test_entry(const ExerciseReport& e, const TestReport& t) {
  json j = {{"name", fmt::format("{}: {}", e.id, t.name)}, {"status", exercism_status(t.status)}};
  if (t.status == TestStatus::passed) return j;
  const std::size_t split = t.message.find(kOutputSeparator);
  j["message"] = t.message.substr(0, split);
  if (split != std::string::npos) {
    const std::string output = t.message.substr(split + kOutputSeparator.size());
    j["output"] =
        output.size() <= kOutputChars ? output : truncate_utf8(output, kOutputChars - kMarkerBytes);
  }
  if (j["message"].get<std::string>().empty()) j["message"] = to_string(t.status);
  return j;
}

// Why exercise `e` was graded on no test (or refused), for its stand-in entry, its tests'
// entries when refused, and the top-level message.
std::string problem_of(const ExerciseReport& e) {
  if (e.status == ExerciseStatus::build_error)
    return fmt::format("{} did not build:\n{}", e.id, e.build.diagnostics);
  if (e.status == ExerciseStatus::refused)
    return fmt::format("{} was refused, 0 points: {}", e.id, e.message);
  return fmt::format("{} could not be graded: {}", e.id,
                     e.message.empty() ? to_string(e.status) : e.message);
}

}  // namespace

json exercism_json(const Report& report) {
  json tests = json::array();
  bool all_passed = true;
  bool any_ran = false;
  bool any_refused = false;
  std::string problems;
  for (const ExerciseReport& e : report.exercises) {
    const bool refused = e.status == ExerciseStatus::refused;
    any_refused = any_refused || refused;
    if (e.status == ExerciseStatus::build_error || e.status == ExerciseStatus::not_run || refused)
      problems += problem_of(e) + "\n";
    if (e.tests.empty() && e.status != ExerciseStatus::passed) {
      tests.push_back({{"name", e.id}, {"status", "error"}, {"message", problem_of(e)}});
      all_passed = false;
    }
    for (const TestReport& t : e.tests) {
      if (t.status == TestStatus::skipped) continue;
      any_ran = any_ran || t.status != TestStatus::not_run;
      all_passed = all_passed && t.status == TestStatus::passed && !refused;
      // A refused exercise's verdicts may be forged: each of its tests is an error, its reason.
      tests.push_back(refused ? json{{"name", fmt::format("{}: {}", e.id, t.name)},
                                     {"status", "error"},
                                     {"message", problem_of(e)}}
                              : test_entry(e, t));
    }
  }
  // A refusal is an error of the whole run, as a build error is: it says why, on top.
  if (!any_ran || any_refused) {
    if (problems.empty()) problems = "no test was run";
    return {{"version", 3},
            {"status", "error"},
            {"message", truncate_utf8(problems, kExercismMessageBytes - kMarkerBytes)},
            {"tests", tests}};
  }
  return {{"version", 3}, {"status", all_passed ? "pass" : "fail"}, {"tests", tests}};
}

}  // namespace grader
