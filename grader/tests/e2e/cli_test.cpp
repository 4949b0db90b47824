// End-to-end: the grader's exit statuses, `grader list` and `grader test`.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "build/tree_build.hpp"
#include "grader_runner.hpp"
#include "model/report.hpp"
#include "process/scratch_dir.hpp"
#include "state/last_report.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;

// The number of lines of `text` (each ending in a newline).
long lines_of(const std::string& text) {
  return std::count(text.begin(), text.end(), '\n');
}

// Returns: `dir`/ws holding the fixture course's solution of exercise `id`.
fs::path workspace_with_solution(const grader::ScratchDir& dir, const std::string& id) {
  const fs::path workspace = dir.path() / "ws";
  copy_tree(fs::path(FIXTURES_DIR) / "course" / "solutions" / id, workspace / id);
  return workspace;
}

// Returns: what `grader check 01` of `workspace`, built in `build`, printed.
std::string check_arith(const fs::path& workspace, const fs::path& build) {
  GraderRun run =
      run_grader({"check", "01", "--workspace", workspace.string(), "--build-dir", build.string()});
  fs::remove_all(run.tmpdir);
  return run.out;
}

// Runs the grader for a usage error, which needs no build and leaves nothing behind.
GraderRun run_usage_error(const std::vector<std::string>& args) {
  GraderRun run = run_grader(args);
  EXPECT_TRUE(fs::is_empty(run.tmpdir));
  fs::remove_all(run.tmpdir);
  return run;
}

// An unknown exercise id is bad usage: exit 2 and one line naming it.
TEST(Cli, UnknownExerciseExits2) {
  const GraderRun run =
      run_usage_error({"check", "99", "--workspace", prepare_workspace("").string(), "--build-dir",
                       build_dir().string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(lines_of(run.err), 1) << run.err;
  EXPECT_NE(run.err.find("'99'"), std::string::npos) << run.err;
}

// A workspace that does not exist is bad usage: exit 2 and one line naming it.
TEST(Cli, MissingWorkspaceExits2) {
  const GraderRun run = run_usage_error(
      {"check", "--workspace", "/nonexistent/workspace", "--build-dir", build_dir().string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(lines_of(run.err), 1) << run.err;
  EXPECT_NE(run.err.find("/nonexistent/workspace"), std::string::npos) << run.err;
}

// A learner command on a workspace that does not exist is bad usage too, not an I/O failure.
TEST(Cli, HintInAMissingWorkspaceExits2) {
  const GraderRun run = run_usage_error({"hint", "01", "--workspace", "/nonexistent/workspace"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(lines_of(run.err), 1) << run.err;
  EXPECT_NE(run.err.find("/nonexistent/workspace"), std::string::npos) << run.err;
}

// An unknown --format is bad usage: exit 2 and one line naming the option.
TEST(Cli, BadFormatExits2) {
  const GraderRun run =
      run_usage_error({"check", "--format", "yaml", "--build-dir", build_dir().string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(lines_of(run.err), 1) << run.err;
  EXPECT_NE(run.err.find("--format"), std::string::npos) << run.err;
}

// A report that cannot be written is an I/O failure, not bad usage: exit 3, one line.
TEST(Cli, UnwritableReportExits3) {
  GraderRun run = run_grader({"check", "01-arith", "--workspace", prepare_workspace("").string(),
                              "--build-dir", build_dir().string(), "--format", "json", "--output",
                              "/nonexistent/dir/report.json"});
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 3) << run.err;
  // Progress lines come first; the reason is the one line after them.
  const std::size_t last = run.err.rfind('\n', run.err.size() - 2);
  const std::string reason = run.err.substr(last == std::string::npos ? 0 : last + 1);
  EXPECT_EQ(reason.rfind("grader: cannot write '/nonexistent/dir/report.json'", 0), 0u) << run.err;
}

// An exercise number without its leading zero names the exercise: `check 1` grades
// 01-arith, and only it.
TEST(Cli, NumberWithoutLeadingZeroNamesTheExercise) {
  GraderRun run = run_grader({"check", "1", "--workspace", prepare_workspace("").string(),
                              "--build-dir", build_dir().string()});
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("01-arith"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("7/7"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("02-greet"), std::string::npos) << run.out;
}

// A global option is accepted after the command as well as before it.
TEST(Cli, GlobalOptionAfterTheCommand) {
  const GraderRun run = run_usage_error({"list", "--color", "never"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("01-arith"), std::string::npos) << run.out;
  const GraderRun bad = run_usage_error({"list", "--color", "sometimes"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("sometimes"), std::string::npos) << bad.err;
}

// An exercise whose files were missing when its tree was first built is graded once they
// are copied in, without deleting the build directory.
TEST(Cli, FilesCopiedInLaterAreFound) {
  const grader::ScratchDir dir("grader-e2e-late-files-");
  const fs::path solutions = fs::path(FIXTURES_DIR) / "course" / "solutions";
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  const std::vector<std::string> args = {"check",       "02",
                                         "--workspace", workspace.string(),
                                         "--build-dir", (dir.path() / "build").string()};
  GraderRun before = run_grader(args);
  fs::remove_all(before.tmpdir);
  EXPECT_NE(before.out.find("file missing from the graded tree"), std::string::npos) << before.out;
  fs::copy(solutions / "02-greet", workspace / "02-greet", fs::copy_options::recursive);
  GraderRun after = run_grader(args);
  fs::remove_all(after.tmpdir);
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("2/2"), std::string::npos) << after.out;
}

// A learner file deleted after a build is reported missing, not graded from its old object,
// and graded again once it is back, without deleting the build directory.
TEST(Cli, ARemovedFileIsMissingUntilItIsBack) {
  const grader::ScratchDir dir("grader-e2e-removed-file-");
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  const auto check = [&] { return check_arith(workspace, dir.path() / "build"); };
  EXPECT_NE(check().find("7/7 points"), std::string::npos);
  const fs::path source = workspace / "01-arith" / "arith.cpp";
  const std::string kept = read_file(source);
  fs::remove(source);
  const std::string removed = check();
  EXPECT_NE(removed.find("file missing from the graded tree"), std::string::npos) << removed;
  std::ofstream(source) << kept;
  EXPECT_NE(check().find("7/7 points"), std::string::npos);
}

// The tamper guard's remembered answer (guard/guard_memo.hpp) does not outlive an edit: a
// file that was clean is refused once it names what the guard forbids, and passes again.
TEST(Cli, TheGuardLooksAgainAfterAnEdit) {
  const grader::ScratchDir dir("grader-e2e-guard-edit-");
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  const auto check = [&] { return check_arith(workspace, dir.path() / "build"); };
  EXPECT_NE(check().find("7/7 points"), std::string::npos);
  const fs::path source = workspace / "01-arith" / "arith.cpp";
  const std::string clean = read_file(source);
  std::ofstream(source, std::ios::app) << "namespace testing {}\n";
  const std::string edited = check();
  EXPECT_NE(edited.find("(refused)"), std::string::npos) << edited;
  EXPECT_NE(edited.find("names 'testing'"), std::string::npos) << edited;
  std::ofstream(source) << clean;
  EXPECT_NE(check().find("7/7 points"), std::string::npos);
}

// A relative --build-dir works: the tamper guard's preprocessor runs in the build directory
// (kills: its output path taken relative to the grader's directory, which refused every
// exercise as "could not be preprocessed").
TEST(Cli, ARelativeBuildDirIsGraded) {
  const grader::ScratchDir dir("grader-e2e-relative-build-");
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());  // the grader starts here, and builds in ./b
  GraderRun run =
      run_grader({"check", "01", "--workspace", workspace.string(), "--build-dir", "b"});
  fs::current_path(before);
  fs::remove_all(run.tmpdir);
  EXPECT_NE(run.out.find("7/7 points"), std::string::npos) << run.out;
}

// `grader lesson --workspace DIR` opens the section of the exercise DIR is working on, and
// an ID with it still names the exercise (kills: the option refused as "not expected").
TEST(Cli, LessonReadsTheWorkspacesCurrentExercise) {
  const grader::ScratchDir dir("grader-e2e-lesson-");
  std::ofstream(dir.path() / ".grader-state.json")
      << R"({"version": 1, "current": "03-bump-arena", "passed": [], "hints_shown": {}})";
  const GraderRun current =
      run_grader({"--color", "never", "lesson", "--workspace", dir.path().string()}, PROJECT_DIR);
  fs::remove_all(current.tmpdir);
  EXPECT_EQ(current.exit_code, 0) << current.err;
  EXPECT_NE(current.out.find("Bump allocation"), std::string::npos) << current.out.substr(0, 300);
  const GraderRun named = run_grader(
      {"--color", "never", "lesson", "02", "--workspace", dir.path().string()}, PROJECT_DIR);
  fs::remove_all(named.tmpdir);
  EXPECT_NE(named.out.find("The global allocator"), std::string::npos) << named.err;
}

// `grader list` shows each exercise with its day, title and points, the broken
// manifest's reason, and the overall progress.
TEST(Cli, ListShowsEveryExercise) {
  const GraderRun run = run_usage_error({"list"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1-2   01-arith"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Arithmetic"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("0/7"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("3-4   02-greet"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("0/2"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("03-broken/exercise.json: field 'day'"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("0/9 points"), std::string::npos) << run.out;
}

// Returns: the points column ("0/36") of exercise `id`'s row in `grader list`'s output.
std::string list_points(const std::string& out, const std::string& id) {
  const std::size_t row = out.find(id);
  const std::size_t end = out.find('\n', row);
  const std::string line = out.substr(row, end - row);
  return line.substr(line.rfind(' ') + 1);
}

// `grader list` counts an exercise as `check` does: a test skipped for a missing tool is out
// of its total, marked, and the footer says how many points that leaves out (kills: list
// showing 0/36 where check said 0/33, and totals that disagreed).
TEST(Cli, ListLeavesOutSkippedTestsAsCheckDoes) {
  const fs::path workbook = fs::weakly_canonical(fs::path(FIXTURES_DIR) / ".." / ".." / "..");
  const grader::ScratchDir dir("grader-e2e-list-skipped-");
  const fs::path workspace = dir.path() / "ws";
  fs::create_directories(workspace);
  const std::vector<std::string> list = {"--color", "never", "list", "--workspace",
                                         workspace.string()};
  GraderRun before = run_grader(list, workbook);
  fs::remove_all(before.tmpdir);
  const std::string total = list_points(before.out, "05-nostd-allocator");  // "0/N"
  const int skipped_points = 3;  // BareMetal.RunsUnderQemuOnCortexM3 in 05's exercise.json
  const fs::path build = grader::default_build_dir(workbook, workspace);
  fs::create_directories(build);  // as a `check` would have
  grader::Report report;
  report.exercises.push_back(grader::ExerciseReport{
      .id = "05-nostd-allocator",
      .status = grader::ExerciseStatus::failed,
      .tests = {
          {.name = "BareMetal.RunsUnderQemuOnCortexM3", .status = grader::TestStatus::skipped},
          {.name = "Audit.NoHostedRuntimeSymbols", .status = grader::TestStatus::failed}}});
  grader::record_last_report(build, report);
  GraderRun after = run_grader(list, workbook);
  fs::remove_all(after.tmpdir);
  fs::remove_all(build);
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(list_points(after.out, "05-nostd-allocator"),
            fmt::format("0/{}*", std::stoi(total.substr(2)) - skipped_points))
      << after.out;
  EXPECT_NE(after.out.find("* 3 points of skipped tests not counted here"), std::string::npos)
      << after.out;
}

// Every row of `grader list` on the real course fits 80 columns: long titles end in "…".
TEST(Cli, ListFitsEightyColumns) {
  const fs::path workbook = fs::weakly_canonical(fs::path(FIXTURES_DIR) / ".." / ".." / "..");
  const GraderRun run = run_grader({"list"}, workbook);
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    const auto code_points = std::count_if(line.begin(), line.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    });
    EXPECT_LE(code_points, 80) << line;
  }
  EXPECT_NE(run.out.find("…"), std::string::npos) << run.out;
}

// Runs `grader test ARGS` on `workspace`, built under `dir`; removes its TMPDIR.
GraderRun run_test_command(const grader::ScratchDir& dir, const fs::path& workspace,
                           std::vector<std::string> args) {
  args.insert(args.begin(), {"--color", "never", "test"});
  args.insert(args.end(),
              {"--workspace", workspace.string(), "--build-dir", (dir.path() / "build").string()});
  GraderRun run = run_grader(args);
  fs::remove_all(run.tmpdir);
  return run;
}

// `grader test ID` builds and runs the visible tests with GoogleTest's own output, and
// exits 0 when they pass (kills: the tests never built by `check`, "Unable to find
// executable").
TEST(TestCommand, RunsTheVisibleTestsWithGoogleTestsOutput) {
  const grader::ScratchDir dir("grader-e2e-test-command-");
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  const GraderRun run = run_test_command(dir, workspace, {"01"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("[       OK ] ArithVisible.AddsSmallNumbers"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("[  PASSED  ] 2 tests."), std::string::npos) << run.out;
}

// A test the learner adds to the graded tree's <id>/tests/ is compiled and run, and its
// failure makes the command exit 1 (kills: the tests taken from the course's exercises/).
TEST(TestCommand, RunsTheTestsTheLearnerAdded) {
  const grader::ScratchDir dir("grader-e2e-test-own-");
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  fs::create_directories(workspace / "01-arith" / "tests");
  std::ofstream(workspace / "01-arith" / "tests" / "mine_test.cpp")
      << "#include <gtest/gtest.h>\n#include <fixture/arith.hpp>\n"
         "TEST(Mine, AddsLargeNumbers) { EXPECT_EQ(add(1000, 1000), 2001); }\n";
  const GraderRun run = run_test_command(dir, workspace, {"01"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("[  FAILED  ] Mine.AddsLargeNumbers"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("the visible tests of 01-arith did not pass (exit code 1)"),
            std::string::npos)
      << run.err;
}

// --filter runs only the matching tests.
TEST(TestCommand, FilterRunsOnlyTheMatchingTests) {
  const grader::ScratchDir dir("grader-e2e-test-filter-");
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  const GraderRun run = run_test_command(dir, workspace, {"01", "--filter", "*Zero"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("[  PASSED  ] 1 test."), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("AddsSmallNumbers"), std::string::npos) << run.out;
}

// An exercise missing from the workspace says why in one line instead of ninja's "unknown
// target", and exits 1.
TEST(TestCommand, AMissingExerciseSaysWhy) {
  const grader::ScratchDir dir("grader-e2e-test-missing-");
  const fs::path workspace = workspace_with_solution(dir, "01-arith");
  const GraderRun run = run_test_command(dir, workspace, {"02"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("file missing from the graded tree"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("unknown target"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace e2e
