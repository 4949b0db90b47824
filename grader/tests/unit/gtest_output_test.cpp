#include <gtest/gtest.h>

#include <fstream>

#include "process/scratch_dir.hpp"
#include "run/gtest_output.hpp"

namespace grader {
namespace {

// A run of three tests as GoogleTest 1.12 writes it (trimmed to the fields read).
constexpr const char* kRun = R"({
  "tests": 3, "name": "AllTests",
  "testsuites": [{
    "name": "A", "tests": 3,
    "testsuite": [
      {"name": "Pass", "status": "RUN", "result": "COMPLETED", "time": "0.25s", "classname": "A"},
      {"name": "Fail", "status": "RUN", "result": "COMPLETED", "time": "0s", "classname": "A",
       "failures": [{"failure": "t.cpp:3\nfirst", "type": ""}, {"failure": "t.cpp:4\nsecond", "type": ""}]},
      {"name": "Skip", "status": "RUN", "result": "SKIPPED", "time": "0s", "classname": "A"}
    ]
  }]
})";

std::vector<GtestResult> parse_ok(std::string_view text) {
  const auto parsed = parse_gtest_json(text);
  EXPECT_TRUE(parsed.has_value());
  return parsed.value_or(std::vector<GtestResult>{});
}

// A completed test without failures passed, with its time.
TEST(ParseGtestJson, Passed) {
  const auto tests = parse_ok(kRun);
  ASSERT_EQ(tests.size(), 3u);
  EXPECT_EQ(tests[0].name, "A.Pass");
  EXPECT_EQ(tests[0].status, TestStatus::passed);
  EXPECT_DOUBLE_EQ(tests[0].seconds, 0.25);
}

// A test with failures failed, with every failure message joined by newlines.
TEST(ParseGtestJson, FailedWithMessages) {
  const auto tests = parse_ok(kRun);
  ASSERT_EQ(tests.size(), 3u);
  EXPECT_EQ(tests[1].status, TestStatus::failed);
  EXPECT_EQ(tests[1].message, "t.cpp:3\nfirst\nt.cpp:4\nsecond");
}

// A skipped test is reported as skipped.
TEST(ParseGtestJson, Skipped) {
  const auto tests = parse_ok(kRun);
  ASSERT_EQ(tests.size(), 3u);
  EXPECT_EQ(tests[2].status, TestStatus::skipped);
}

// A --gtest_list_tests listing names every test, none of them run.
TEST(ParseGtestJson, Listing) {
  const auto tests = parse_ok(R"({"testsuites": [{"name": "A", "testsuite": [{"name": "One"}]},
                                                 {"name": "B", "testsuite": [{"name": "Two"}]}]})");
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[0].name, "A.One");
  EXPECT_EQ(tests[1].name, "B.Two");
  EXPECT_EQ(tests[0].status, TestStatus::not_run);
}

// A disabled test (NOTRUN) is not run.
TEST(ParseGtestJson, DisabledIsNotRun) {
  const auto tests = parse_ok(R"({"testsuites": [{"name": "A", "testsuite": [
      {"name": "DISABLED_X", "status": "NOTRUN", "result": "SUPPRESSED"}]}]})");
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_EQ(tests[0].status, TestStatus::not_run);
}

// Text that is not JSON, or JSON of another shape, is no result at all.
TEST(ParseGtestJson, MalformedIsNullopt) {
  EXPECT_FALSE(parse_gtest_json("").has_value());
  EXPECT_FALSE(parse_gtest_json("not json").has_value());
  EXPECT_FALSE(parse_gtest_json("[1, 2]").has_value());
  EXPECT_FALSE(parse_gtest_json(R"({"tests": 3})").has_value());
  EXPECT_FALSE(
      parse_gtest_json(R"({"testsuites": [{"testsuite": []}]})").has_value());  // no suite name
  EXPECT_FALSE(
      parse_gtest_json(R"({"testsuites": [{"name": "A", "testsuite": [{"status": "RUN"}]}]})")
          .has_value());
}

// A file cut short (the process died while writing it) is no result.
TEST(ParseGtestJson, TruncatedIsNullopt) {
  const std::string text = kRun;
  EXPECT_FALSE(parse_gtest_json(text.substr(0, text.size() / 2)).has_value());
}

// Invalid UTF-8 in a failure message is replaced, not a reason to drop the file.
TEST(ReadGtestJson, InvalidUtf8InMessage) {
  const ScratchDir dir;
  const auto path = dir.path() / "results.json";
  std::ofstream(path, std::ios::binary)
      << R"({"testsuites": [{"name": "A", "testsuite": [{"name": "F",
      "status": "RUN", "result": "COMPLETED", "failures": [{"failure": "bad )"
         "\xFF\xC3"
         R"( bytes"}]}]}]})";
  const auto tests = read_gtest_json(path);
  ASSERT_TRUE(tests.has_value());
  ASSERT_EQ(tests->size(), 1u);
  EXPECT_EQ((*tests)[0].status, TestStatus::failed);
  EXPECT_EQ((*tests)[0].message, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
}

// A file that does not exist is no result.
TEST(ReadGtestJson, MissingFileIsNullopt) {
  EXPECT_FALSE(read_gtest_json("/nonexistent/results.json").has_value());
}

}  // namespace
}  // namespace grader
