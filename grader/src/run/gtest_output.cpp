#include "run/gtest_output.hpp"

#include <nlohmann/json.hpp>

#include "util/file.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

using nlohmann::json;

// GoogleTest writes times as "0.012s".
double parse_seconds(const json& test) {
  if (!test.contains("time") || !test["time"].is_string()) return 0;
  try {
    return std::stod(test["time"].get<std::string>());
  } catch (const std::exception&) {
    return 0;
  }
}

GtestResult parse_test(const std::string& suite, const json& test) {
  GtestResult r;
  r.name = suite + "." + test.at("name").get<std::string>();
  r.seconds = parse_seconds(test);
  const std::string status = test.value("status", "RUN");
  const std::string result = test.value("result", "");
  if (test.contains("failures") && test["failures"].is_array() && !test["failures"].empty()) {
    r.status = TestStatus::failed;
    for (const json& failure : test["failures"]) {
      if (!r.message.empty()) r.message += "\n";
      r.message += failure.value("failure", "");
    }
  } else if (result == "SKIPPED") {
    r.status = TestStatus::skipped;
    r.message = test.value("skipped", json::object()).value("message", "");
  } else if (status == "RUN" && result == "COMPLETED") {
    r.status = TestStatus::passed;
  } else {
    r.status = TestStatus::not_run;  // a listing, or a disabled test
  }
  return r;
}

}  // namespace

std::optional<std::vector<GtestResult>> parse_gtest_json(std::string_view json_text) {
  const json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object() || !root.contains("testsuites") ||
      !root["testsuites"].is_array()) {
    return std::nullopt;
  }
  std::vector<GtestResult> tests;
  try {
    for (const json& suite : root["testsuites"]) {
      const std::string suite_name = suite.at("name").get<std::string>();
      for (const json& test : suite.at("testsuite")) tests.push_back(parse_test(suite_name, test));
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return tests;
}

std::optional<std::vector<GtestResult>> read_gtest_json(const std::filesystem::path& file) {
  const std::optional<std::string> text = read_file(file);
  if (!text) return std::nullopt;
  // Failure messages can quote any bytes; the JSON parser rejects invalid UTF-8.
  return parse_gtest_json(to_valid_utf8(*text));
}

}  // namespace grader
