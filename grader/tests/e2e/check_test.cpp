// End-to-end: `grader check` on each fixture submission (see fixtures/README.md).
// Every case checks the verdict and score of every test, that the other
// exercises were still graded, that the report follows the schema, and that
// the grader left no process and no temporary directory behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "grader_runner.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string> kArithTests = {"Arith.Add",      "Arith.Subtract",
                                              "Arith.Multiply", "Arith.Divide",
                                              "Arith.Negate",   "Arith.DescribeSum"};

// Grades submission `name` ("" for the solutions) with --format json --output, and checks
// what every case must satisfy (see e2e::check).
Graded grade(const std::string& name, const std::vector<std::string>& extra = {}) {
  return check(Tree{.workspace = prepare_workspace(name), .build = build_dir()},
               (name.empty() ? "solutions" : fs::path(name).filename().string()) + ".json", extra);
}

// 01-arith graded with every test passed except those in `not_passed`; scores follow
// the manifest (Arith.Divide is worth 2, the others 1).
void expect_arith(const json& report, const std::map<std::string, std::string>& not_passed,
                  const std::string& exercise_status = "failed") {
  const json& e = exercise(report, "01-arith");
  EXPECT_EQ(e.at("status"), exercise_status);
  ASSERT_EQ(e.at("tests").size(), kArithTests.size());
  int score = 0;
  for (const std::string& name : kArithTests) {
    SCOPED_TRACE(name);
    const json& t = test_of(e, name);
    const auto it = not_passed.find(name);
    const std::string status = it == not_passed.end() ? "passed" : it->second;
    const int max = name == "Arith.Divide" ? 2 : 1;
    EXPECT_EQ(t.at("status"), status) << t.at("message");
    EXPECT_EQ(t.at("max_score"), max);
    EXPECT_EQ(t.at("score"), status == "passed" ? max : 0);
    score += status == "passed" ? max : 0;
  }
  EXPECT_EQ(e.at("score"), score);
  EXPECT_EQ(e.at("max_score"), 7);
}

// The other exercises were graded as usual: 02-greet in full, the broken manifest
// as not_run with a one-line reason naming its file and field.
void expect_others_graded(const json& report) {
  const json& greet = exercise(report, "02-greet");
  EXPECT_EQ(greet.at("status"), "passed");
  EXPECT_EQ(greet.at("score"), 2);
  const json& broken = exercise(report, "03-broken");
  EXPECT_EQ(broken.at("status"), "not_run");
  const std::string message = broken.at("message");
  EXPECT_NE(message.find("03-broken/exercise.json"), std::string::npos) << message;
  EXPECT_NE(message.find("'day'"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(report.at("summary").at("exercises_total"), 3);
}

std::string message_of(const Graded& g, const std::string& test) {
  return test_of(exercise(g.report, "01-arith"), test).at("message");
}

// The reference solutions get every point, and --fail-under 100 is met (exit 0).
TEST(Check, SolutionsGetFullMarks) {
  const Graded g = grade("", {"--fail-under", "100"});
  EXPECT_EQ(g.run.exit_code, 0) << g.run.err;
  expect_arith(g.report, {}, "passed");
  expect_others_graded(g.report);
  EXPECT_EQ(g.report.at("summary").at("score"), 9);
  EXPECT_EQ(g.report.at("summary").at("max_score"), 9);
}

// A compile error costs its exercise only: build_error, its tests not_run, diagnostics shown.
TEST(Check, CompileErrorCostsThatExercise) {
  const Graded g = grade("compile-error");
  EXPECT_EQ(g.run.exit_code, 0) << g.run.err;
  const json& e = exercise(g.report, "01-arith");
  EXPECT_EQ(e.at("status"), "build_error");
  EXPECT_EQ(e.at("score"), 0);
  EXPECT_EQ(e.at("max_score"), 7);
  EXPECT_EQ(e.at("build").at("ok"), false);
  const std::string diagnostics = e.at("build").at("diagnostics");
  EXPECT_NE(diagnostics.find("arith.cpp"), std::string::npos) << diagnostics;
  EXPECT_NE(diagnostics.find("error:"), std::string::npos) << diagnostics;
  for (const json& t : e.at("tests")) EXPECT_EQ(t.at("status"), "not_run") << t.at("name");
  expect_others_graded(g.report);
}

// A segfault in one test costs that test only; --fail-under 90 is then not met (exit 1).
TEST(Check, SegfaultCostsOneTest) {
  const Graded g = grade("segfault", {"--fail-under", "90"});
  EXPECT_EQ(g.run.exit_code, 1);
  EXPECT_NE(g.run.err.find("--fail-under"), std::string::npos) << g.run.err;
  expect_arith(g.report, {{"Arith.Divide", "crashed"}});
  EXPECT_NE(message_of(g, "Arith.Divide").find("SEGV"), std::string::npos)
      << message_of(g, "Arith.Divide");
  expect_others_graded(g.report);
}

// Undefined behaviour is a sanitizer verdict with UBSan's report as the message.
TEST(Check, UndefinedBehaviourIsSanitizer) {
  const Graded g = grade("undefined-behaviour");
  expect_arith(g.report, {{"Arith.Divide", "sanitizer"}});
  EXPECT_NE(message_of(g, "Arith.Divide").find("runtime error: load of null pointer"),
            std::string::npos)
      << message_of(g, "Arith.Divide");
  expect_others_graded(g.report);
}

// A test that never returns times out; its forked child is killed with it.
TEST(Check, InfiniteLoopTimesOut) {
  const Graded g = grade("infinite-loop");
  expect_arith(g.report, {{"Arith.Multiply", "timeout"}});
  expect_others_graded(g.report);
}

// exit(0) inside a test is not a pass: the test never reported, so it crashed.
TEST(Check, ExitInsideTestIsCrash) {
  const Graded g = grade("exit-zero");
  expect_arith(g.report, {{"Arith.Subtract", "crashed"}});
  EXPECT_NE(message_of(g, "Arith.Subtract").find("exit code 0"), std::string::npos)
      << message_of(g, "Arith.Subtract");
  expect_others_graded(g.report);
}

// A leak is a sanitizer verdict whose message starts with LeakSanitizer's report.
TEST(Check, LeakIsSanitizer) {
  const Graded g = grade("leak");
  expect_arith(g.report, {{"Arith.Negate", "sanitizer"}});
  const std::string message = message_of(g, "Arith.Negate");
  EXPECT_NE(
      message.substr(0, message.find('\n')).find("ERROR: LeakSanitizer: detected memory leaks"),
      std::string::npos)
      << message;
  EXPECT_NE(message.find("negate"), std::string::npos) << message;
  expect_others_graded(g.report);
}

// 100 MB of output is judged like any test; the grader and its report stay small.
TEST(Check, FloodOfOutputStaysBounded) {
  const Graded g = grade("flood");
  expect_arith(g.report, {}, "passed");
  expect_others_graded(g.report);
  EXPECT_LT(fs::file_size(g.report_file), 100'000u);
  EXPECT_GT(g.run.peak_rss_kb, 0) << "the grader's peak memory was not measured";
  EXPECT_LT(g.run.peak_rss_kb, 64 * 1024) << "the grader's own peak memory, in kB";
}

// Invalid UTF-8 in a crashing test's output reaches the report replaced by U+FFFD.
TEST(Check, InvalidUtf8IsReplaced) {
  const Graded g = grade("invalid-utf8");
  expect_arith(g.report, {{"Arith.DescribeSum", "crashed"}});
  EXPECT_NE(message_of(g, "Arith.DescribeSum").find("\xEF\xBF\xBD"), std::string::npos)
      << message_of(g, "Arith.DescribeSum");
  expect_others_graded(g.report);
}

// Fake result files written by the submission are not believed.
TEST(Check, FakeResultFilesAreIgnored) {
  const Graded g = grade("fake-results");
  expect_arith(g.report, {{"Arith.Multiply", "failed"}});
  EXPECT_NE(message_of(g, "Arith.Multiply").find("multiply(4, 5)"), std::string::npos)
      << message_of(g, "Arith.Multiply");
  expect_others_graded(g.report);
}

// A test that leaves a daemon behind (a child in a session of its own that ignores
// SIGHUP, escaping the kill of its process group) does not outlive grading even without
// the sandbox: the grader, a child subreaper, adopts and kills it before it writes the
// report (grade() checks that no process of the tree is left).
TEST(Check, DaemonDoesNotOutliveGradingWithoutSandbox) {
  const Graded g = grade("../hostile/daemon", {"--no-cache", "01-arith"});
  EXPECT_EQ(exercise(g.report, "01-arith").at("status"), "passed") << g.run.err;
}

// --submission reads one submission as `grader batch` does: a link (to the solution,
// here) is refused by name, not followed, and the rest is graded.
TEST(Check, SubmissionLinkIsRefusedTheRestGraded) {
  const fs::path submission = fs::path(E2E_CACHE_DIR) / "submission-with-link";
  fs::remove_all(submission);
  fs::create_directories(submission / "01-arith");
  fs::create_directories(submission / "02-greet");
  fs::create_symlink(course_dir() / "solutions" / "01-arith" / "arith.cpp",
                     submission / "01-arith" / "arith.cpp");
  fs::copy_file(course_dir() / "solutions" / "02-greet" / "greet.hpp",
                submission / "02-greet" / "greet.hpp");
  const fs::path report_file = report_path("submission-with-link.json");
  const GraderRun run =
      run_grader({"check", "--submission", submission.string(), "--workspace",
                  (fs::path(E2E_CACHE_DIR) / "submission-workspace").string(), "--build-dir",
                  (fs::path(E2E_CACHE_DIR) / "submission-build").string(), "--format", "json",
                  "--output", report_file.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("grader: submission: refused symbolic link '01-arith/arith.cpp'"),
            std::string::npos)
      << run.err;
  const json report = json::parse(read_file(report_file), nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << run.err;
  EXPECT_EQ(exercise(report, "01-arith").at("status"), "failed") << "the link was followed";
  EXPECT_EQ(exercise(report, "02-greet").at("status"), "passed");
  EXPECT_EQ(processes_mentioning(E2E_CACHE_DIR).size(), 0u);
  EXPECT_TRUE(fs::is_empty(run.tmpdir)) << "the grader left files in its TMPDIR";
  fs::remove_all(run.tmpdir);
  fs::remove_all(submission);
}

}  // namespace
}  // namespace e2e
