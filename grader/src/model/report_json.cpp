#include "model/report_json.hpp"

#include <stdexcept>

namespace grader {
namespace {

using nlohmann::json;

template <class Enum>
Enum enum_from(const std::string& text, std::initializer_list<Enum> values) {
  for (Enum v : values) {
    if (text == to_string(v)) return v;
  }
  throw std::invalid_argument("unknown status '" + text + "'");
}

}  // namespace

json exercise_to_json(const ExerciseReport& e) {
  json tests = json::array();
  for (const TestReport& t : e.tests) {
    tests.push_back({{"name", t.name},
                     {"status", to_string(t.status)},
                     {"score", t.score},
                     {"max_score", t.max_score},
                     {"message", t.message},
                     {"seconds", t.seconds}});
  }
  return {
      {"id", e.id},
      {"title", e.title},
      {"day", e.day},
      {"lesson", e.lesson},
      {"status", to_string(e.status)},
      {"score", e.score},
      {"max_score", e.max_score},
      {"message", e.message},
      {"visibility", e.visibility},
      {"build",
       {{"ok", e.build.ok}, {"seconds", e.build.seconds}, {"diagnostics", e.build.diagnostics}}},
      {"tests", tests}};
}

json to_json(const Report& report) {
  json exercises = json::array();
  for (const ExerciseReport& e : report.exercises) exercises.push_back(exercise_to_json(e));
  return {{"schema_version", Report::kSchemaVersion},
          {"tool", {{"name", "grader"}, {"version", report.tool_version}}},
          {"compiler", report.compiler},
          {"workspace", report.workspace},
          {"summary",
           {{"score", report.score()},
            {"max_score", report.max_score()},
            {"exercises_passed", report.exercises_passed()},
            {"exercises_refused", report.exercises_refused()},
            {"exercises_total", static_cast<int>(report.exercises.size())}}},
          {"exercises", exercises}};
}

ExerciseReport exercise_from_json(const json& je) {
  ExerciseReport e;
  e.id = je.at("id").get<std::string>();
  e.title = je.at("title").get<std::string>();
  e.day = je.at("day").get<std::string>();
  e.lesson = je.at("lesson").get<std::string>();
  e.status = enum_from(je.at("status").get<std::string>(),
                       {ExerciseStatus::passed, ExerciseStatus::failed, ExerciseStatus::build_error,
                        ExerciseStatus::not_run, ExerciseStatus::refused});
  e.score = je.at("score").get<int>();
  e.max_score = je.at("max_score").get<int>();
  e.message = je.at("message").get<std::string>();
  // Optional: reports written before visibility was recorded lack it.
  e.visibility = je.value("visibility", e.visibility);
  e.build.ok = je.at("build").at("ok").get<bool>();
  e.build.seconds = je.at("build").at("seconds").get<double>();
  e.build.diagnostics = je.at("build").at("diagnostics").get<std::string>();
  for (const json& jt : je.at("tests")) {
    TestReport t;
    t.name = jt.at("name").get<std::string>();
    t.status =
        enum_from(jt.at("status").get<std::string>(),
                  {TestStatus::passed, TestStatus::failed, TestStatus::crashed, TestStatus::timeout,
                   TestStatus::sanitizer, TestStatus::skipped, TestStatus::not_run});
    t.score = jt.at("score").get<int>();
    t.max_score = jt.at("max_score").get<int>();
    t.message = jt.at("message").get<std::string>();
    t.seconds = jt.at("seconds").get<double>();
    e.tests.push_back(std::move(t));
  }
  return e;
}

Report report_from_json(const json& j) {
  Report report;
  report.tool_version = j.at("tool").at("version").get<std::string>();
  report.compiler = j.at("compiler").get<std::string>();
  report.workspace = j.at("workspace").get<std::string>();
  for (const json& je : j.at("exercises")) report.exercises.push_back(exercise_from_json(je));
  return report;
}

}  // namespace grader
