// run/gtest_output.hpp — reading GoogleTest's --gtest_output=json files.
//
// Both the test list (--gtest_list_tests with --gtest_output=json) and the
// results of a run use the same shape: testsuites[].testsuite[] with a name,
// and for a run also result, time and failures.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.hpp"

namespace grader {

/// One test as GoogleTest reported it.
struct GtestResult {
  std::string name;                         ///< "Suite.Test"
  TestStatus status = TestStatus::not_run;  ///< passed, failed, skipped or not_run
  std::string message;                      ///< the failure messages, joined
  double seconds = 0;
};

/// Returns: the tests in `json_text` in file order, or nullopt when it is not
/// a GoogleTest JSON document (missing, cut short or malformed).
std::optional<std::vector<GtestResult>> parse_gtest_json(std::string_view json_text);

/// Returns: parse_gtest_json of the file's contents, or nullopt if it cannot be read.
std::optional<std::vector<GtestResult>> read_gtest_json(const std::filesystem::path& file);

}  // namespace grader
