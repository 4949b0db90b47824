#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "model/report_json.hpp"
#include "process/scratch_dir.hpp"
#include "sample_reports.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

using testing_support::kRefusalReason;
using testing_support::report_with_refusal;
using testing_support::three_exercise_report;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A report read back from its JSON writes the same JSON.
TEST(JsonReport, RoundTrip) {
  const nlohmann::json first = to_json(three_exercise_report());
  EXPECT_EQ(to_json(report_from_json(first)), first);
}

// The summary is computed from the exercises.
TEST(JsonReport, Summary) {
  const nlohmann::json j = to_json(three_exercise_report());
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["summary"]["score"], 3);
  EXPECT_EQ(j["summary"]["max_score"], 5);
  EXPECT_EQ(j["summary"]["exercises_passed"], 1);
  EXPECT_EQ(j["summary"]["exercises_total"], 3);
}

// A refused exercise is written as "refused" with its reason, and read back the same.
TEST(JsonReport, RefusedRoundTrips) {
  const nlohmann::json j = to_json(report_with_refusal());
  EXPECT_EQ(j["exercises"][3]["status"], "refused");
  EXPECT_EQ(j["exercises"][3]["message"], kRefusalReason);
  EXPECT_EQ(to_json(report_from_json(j)), j);
}

// The summary counts the refused exercises.
TEST(JsonReport, SummaryCountsRefused) {
  EXPECT_EQ(to_json(report_with_refusal())["summary"]["exercises_refused"], 1);
  EXPECT_EQ(to_json(three_exercise_report())["summary"]["exercises_refused"], 0);
}

// An unknown status in a report read back is an error, not a silent default.
TEST(JsonReport, UnknownStatusThrows) {
  nlohmann::json j = to_json(three_exercise_report());
  j["exercises"][0]["tests"][0]["status"] = "sort_of";
  EXPECT_THROW(report_from_json(j), std::invalid_argument);
}

// Invalid UTF-8 in a string is replaced when dumped, never thrown on.
TEST(JsonReport, DumpReplacesInvalidUtf8) {
  Report r = three_exercise_report();
  r.exercises[1].tests[0].message = "bad \xFF byte";
  std::string text;
  ASSERT_NO_THROW(text = dump_json(to_json(r)));
  EXPECT_NE(text.find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

// write_atomically writes the text, readable by others, and leaves no temporary file.
TEST(WriteAtomically, WritesTheFile) {
  const ScratchDir dir;
  const fs::path path = dir.path() / "report.json";
  write_atomically(path, "{}\n");
  EXPECT_EQ(read(path), "{}\n");
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms(0644));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

// An existing file is replaced whole.
TEST(WriteAtomically, ReplacesAnExistingFile) {
  const ScratchDir dir;
  const fs::path path = dir.path() / "report.json";
  std::ofstream(path) << "a much longer old content that must not survive";
  write_atomically(path, "new");
  EXPECT_EQ(read(path), "new");
}

// A file that cannot be written throws, naming it.
TEST(WriteAtomically, ThrowsNamingThePath) {
  try {
    write_atomically("/nonexistent/dir/report.json", "x");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/report.json"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace grader
