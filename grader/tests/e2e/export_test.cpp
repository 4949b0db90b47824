// End-to-end: `grader export` writes a student release of the fixture course, and the
// release grades: with its hidden suites, or, withheld, with its visible tests and a
// notice that the hidden tests are the instructor's. Also the refusals: a non-empty or
// in-course --out, and `verify`/`solution` in a release that has no solutions/.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "grader_runner.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kNotice = "hidden tests, which are graded by the instructor";

// Exports the fixture course into a fresh directory under `name` and checks what every
// release must satisfy. Returns: the release.
fs::path export_course(const std::string& name, bool withhold_hidden) {
  const fs::path release = report_path(name) / "release";
  std::vector<std::string> args = {"export", "--out", release.string()};
  if (withhold_hidden) args.emplace_back("--withhold-hidden");
  const GraderRun run = run_grader(args);
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(release / "exercises" / "01-arith" / "arith.cpp"));
  EXPECT_TRUE(fs::exists(release / "exercises" / "01-arith" / "tests" / "visible_test.cpp"));
  EXPECT_TRUE(fs::exists(release / "common" / "include" / "fixture" / "arith.hpp"));
  EXPECT_FALSE(fs::exists(release / "solutions")) << "a release must never hold solutions/";
  // Nor the author mutants: each is a solution with one bug. The fixture course has some.
  EXPECT_TRUE(fs::is_directory(course_dir() / "grader" / "mutants"));
  EXPECT_FALSE(fs::exists(release / "grader" / "mutants")) << "a release holds grader/mutants/";
  EXPECT_NE(run.out.find("grader/mutants/"), std::string::npos) << "not said left out: " << run.out;
  EXPECT_FALSE(fs::exists(release / "build"));
  EXPECT_EQ(fs::exists(release / "grader" / "suites"), !withhold_hidden);
  // Nothing is left beside it: it was written aside, then renamed.
  for (const fs::directory_entry& entry : fs::directory_iterator(release.parent_path()))
    EXPECT_EQ(entry.path(), release);
  return release;
}

// Grades exercise 01-arith of `workspace` against the course `release`, in a build
// directory of its own. Returns: the JSON report.
json grade_release(const fs::path& release, const fs::path& workspace, const std::string& name,
                   GraderRun& run) {
  const fs::path report = report_path(name + ".json");
  run = run_grader(
      {"check", "01-arith", "--workspace", workspace.string(), "--build-dir",
       (report_path(name) / "build").string(), "--format", "json", "--output", report.string()},
      release);
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::string schema = schema_problems({report});
  if (schema != "skip") EXPECT_EQ(schema, "");
  return json::parse(read_file(report), nullptr, false);
}

std::vector<std::string> test_names(const json& exercise) {
  std::vector<std::string> names;
  for (const json& t : exercise.at("tests")) names.push_back(t.at("name"));
  return names;
}

TEST(Export, WithSuitesTheReleaseGradesTheHiddenTests) {
  const fs::path release = export_course("export-with-suites", false);
  GraderRun run;
  const json report = grade_release(release, prepare_workspace(""), "export-with-suites", run);
  const json& arith = report.at("exercises").at(0);
  EXPECT_EQ(arith.at("id"), "01-arith");
  EXPECT_EQ(test_names(arith),
            (std::vector<std::string>{"Arith.Add", "Arith.Subtract", "Arith.Multiply",
                                      "Arith.Divide", "Arith.Negate", "Arith.DescribeSum"}));
  EXPECT_EQ(arith.at("score"), 7);
  EXPECT_EQ(arith.at("status"), "passed");
  EXPECT_EQ(arith.value("message", "").find(kNotice), std::string::npos);
}

TEST(Export, WithheldTheReleaseGradesTheVisibleTestsAndSaysSo) {
  const fs::path release = export_course("export-withheld", true);
  GraderRun run;
  const json solved = grade_release(release, prepare_workspace(""), "export-withheld", run);
  const json& arith = solved.at("exercises").at(0);
  EXPECT_EQ(test_names(arith), (std::vector<std::string>{"ArithVisible.AddsSmallNumbers",
                                                         "ArithVisible.NegatesZero"}));
  EXPECT_EQ(arith.at("status"), "passed");
  EXPECT_EQ(arith.at("score"), 2);
  EXPECT_NE(arith.at("message").get<std::string>().find(kNotice), std::string::npos);
  // The text summary says it once, in one line.
  const std::size_t at = run.out.find(kNotice);
  EXPECT_NE(at, std::string::npos) << run.out;
  EXPECT_EQ(run.out.find(kNotice, at + 1), std::string::npos) << run.out;

  // The stubs as shipped fail the visible tests: the verdicts are real.
  const json stubs = grade_release(release, release / "exercises", "export-withheld-stubs", run);
  EXPECT_EQ(stubs.at("exercises").at(0).at("score"), 0);
  EXPECT_EQ(stubs.at("exercises").at(0).at("status"), "failed");
}

// The total points `grader list` prints on its last line ("... 0/9 points ...").
int listed_total(const fs::path& course) {
  const GraderRun run = run_grader({"list"}, course);
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::size_t points = run.out.rfind(" points");
  const std::size_t slash = run.out.rfind('/', points);
  if (points == std::string::npos || slash == std::string::npos) return -1;
  return std::stoi(run.out.substr(slash + 1, points - slash - 1));
}

// `grader list` totals the tests that grade each kind of course: the hidden suites in the
// course and in a release that keeps them, the visible tests in one that withholds them.
TEST(Export, ListTotalsTheGradedTestsInEveryKindOfCourse) {
  const int full = listed_total(course_dir());
  EXPECT_GT(full, 0);
  EXPECT_EQ(listed_total(export_course("export-list-suites", false)), full);
  // 01-arith's two visible tests, a point each; 02-greet has none.
  EXPECT_EQ(listed_total(export_course("export-list-withheld", true)), 2);
}

// The workbook itself, this checkout.
fs::path workbook_dir() {
  return fs::path(FIXTURES_DIR).parent_path().parent_path().parent_path();
}

// Exports the workbook into a fresh directory under `name`. Returns: the release.
fs::path export_workbook(const std::string& name) {
  const fs::path release = report_path(name) / "release";
  const GraderRun run = run_grader({"export", "--out", release.string()}, workbook_dir());
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return release;
}

// The workbook itself: its release must hold every source its own grader is built from.
TEST(Export, TheWorkbookReleaseHoldsWhatBuildsItsGrader) {
  const fs::path project = workbook_dir();
  const fs::path release = export_workbook("export-workbook");
  for (const char* part : {"grader/src", "cmake", "scripts", "lessons", "benchmarks"}) {
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(project / part)) {
      if (entry.is_regular_file())
        EXPECT_TRUE(fs::exists(release / fs::relative(entry.path(), project))) << entry.path();
    }
  }
  for (const char* file : {"CMakeLists.txt", "CMakePresets.json", "README.md"})
    EXPECT_TRUE(fs::exists(release / file)) << file;
  for (const char* never : {"solutions", "grader/mutants", "build", ".git",
                            "exercises/.grader-state.json", "grader/tests/fixtures/course/build"})
    EXPECT_FALSE(fs::exists(release / never)) << never;
  EXPECT_TRUE(fs::exists(release / "grader" / "suites"));
}

// The workbook's release configures, and its benchmarks are built from the learner's
// exercises/ (it has no solutions/) with none of the ctests that prove the solutions
// (kills: benchmarks/ left out of releases while the READMEs send learners there).
TEST(Export, TheWorkbookReleaseBuildsItsBenchmarksFromTheExercises) {
  const fs::path release = export_workbook("export-benchmarks");
  const fs::path build = release.parent_path() / "build";
  const fs::path log = release.parent_path() / "configure.log";
  const std::string configure = "cmake -S '" + release.string() + "' -B '" + build.string() +
                                "' -G Ninja > '" + log.string() + "' 2>&1";
  ASSERT_EQ(std::system(configure.c_str()), 0) << read_file(log);
  EXPECT_NE(read_file(build / "CMakeCache.txt")
                .find("MW_BENCH_TREE:PATH=" + (release / "exercises").string() + "\n"),
            std::string::npos);
  const std::string list = "ctest --test-dir '" + build.string() + "' -N > '" + log.string() + "'";
  ASSERT_EQ(std::system(list.c_str()), 0);
  EXPECT_EQ(read_file(log).find("benchmarks."), std::string::npos) << read_file(log);
  fs::remove_all(release.parent_path());
}

TEST(Export, RefusesANonEmptyOrInCourseOut) {
  const fs::path taken = report_path("export-taken");
  fs::create_directories(taken);
  std::ofstream(taken / "keep.txt") << "mine\n";
  for (const fs::path& out : {taken, course_dir() / "release", course_dir()}) {
    const GraderRun run = run_grader({"export", "--out", out.string()});
    fs::remove_all(run.tmpdir);
    EXPECT_EQ(run.exit_code, 2) << out;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
  EXPECT_EQ(read_file(taken / "keep.txt"), "mine\n");
  EXPECT_FALSE(fs::exists(course_dir() / "release"));
  std::size_t beside = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(taken.parent_path()))
    beside += entry.path().filename().string().rfind("export-taken.tmp", 0) == 0 ? 1 : 0;
  EXPECT_EQ(beside, 0u) << "a refused export left its staging directory";
}

TEST(Export, VerifyAndSolutionSayTheReleaseHasNoSolutions) {
  const fs::path release = export_course("export-no-solutions", false);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify"},
        std::vector<std::string>{"solution", "01", "--force"}}) {
    const GraderRun run = run_grader(args, release);
    fs::remove_all(run.tmpdir);
    EXPECT_EQ(run.exit_code, 2) << args.front();
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_NE(run.err.find("no solutions"), std::string::npos) << run.err;
  }
}

}  // namespace
}  // namespace e2e
