// End-to-end: `grader verify` grades the author mutants of the fixture course
// (fixtures/course/grader/mutants/, one of each kind: killed, surviving, misnamed, not
// building, not applying, without a bug line, naming an unknown test) in copies of it under
// E2E_CACHE_DIR, so that their builds stay out of the fixture and incremental between runs.
#include <gtest/gtest.h>

#include <filesystem>

#include "grader_runner.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kIdColumn = 28;  // verify pads each exercise's id to this width

// Runs `grader --root <course> verify <args...>` and expects it to leave its TMPDIR empty.
GraderRun verify(const fs::path& course, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"verify"};
  argv.insert(argv.end(), args.begin(), args.end());
  GraderRun run = run_grader(argv, course);
  EXPECT_TRUE(fs::is_empty(run.tmpdir)) << "the grader left files in its TMPDIR";
  fs::remove_all(run.tmpdir);
  return run;
}

// Returns: the line verify prints for an exercise with no problem.
std::string ok_line(const std::string& id, const std::string& proved) {
  return "ok    " + id + std::string(kIdColumn - id.size(), ' ') + " " + proved;
}

// Returns: whether `text` has `line` as one of its lines, leading blanks aside.
bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& each : lines_of(text)) {
    if (each.substr(std::min(each.find_first_not_of(' '), each.size())) == line) return true;
  }
  return false;
}

// Each way a mutant fails its purpose is one line naming it; the killed one is not named.
TEST(Mutants, EachProblemOfAMutantIsOneLine) {
  const fs::path course = prepare_course("mutants-course");
  const GraderRun run = verify(course, {"01", "--only-mutants", "--min-mutants", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  for (const char* line :
       {"FAIL  01-arith",
        "mutant 01-arith/multiply-by-repeated-addition survived: scored 7/7 (kills: "
        "Arith.Multiply)",
        "mutant 01-arith/negate-misnamed: lost points (scored 6/7) but Arith.Add passed (fix its "
        "kills: line)",
        "mutant 01-arith/divide-floors-stale-context: does not apply: 1 out of 1 hunk FAILED",
        "mutant 01-arith/add-off-by-one: has no '# bug:' line (its first line must be '# bug: "
        "<the learner's bug>')",
        "mutant 01-arith/subtract-names-unknown-test: names Arith.Minus, which the suite does "
        "not declare",
        "verify: 1 exercises, 7 mutants, 1 with problems"}) {
    EXPECT_TRUE(has_line(run.out, line)) << line << "\n" << run.out;
  }
  EXPECT_NE(run.out.find("mutant 01-arith/describe-sum-missing-semicolon: does not build: "),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("01-arith/divide-floors "), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("01-arith/divide-floors:"), std::string::npos) << run.out;
}

// An exercise whose every mutant is killed is ok after its stub/solution proof; verifying
// again reuses each mutant's verdict (kept by content) instead of building it again.
TEST(Mutants, AllKilledIsOkAndARerunReusesTheVerdicts) {
  const fs::path course = prepare_course("mutants-course");
  fs::remove_all(course / "build" / "mutants" / "02-greet" / "verdicts");
  const GraderRun first = verify(course, {"02", "--min-mutants", "1"});
  EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_TRUE(has_line(first.out, ok_line("02-greet",
                                          "2 tests fail on the stub and pass on the solution; "
                                          "1 mutant killed")))
      << first.out;
  EXPECT_EQ(first.err.find("verdict reused"), std::string::npos) << first.err;
  const GraderRun again = verify(course, {"02", "--only-mutants", "--min-mutants", "1"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(has_line(again.out, ok_line("02-greet", "1 mutant killed"))) << again.out;
  EXPECT_NE(again.err.find("mutant 02-greet/drops-the-comma: verdict reused"), std::string::npos)
      << again.err;
}

// In a course with grader/mutants/, an exercise with fewer mutants than the minimum (7 unless
// --min-mutants says otherwise) has a problem, even one with no directory there at all.
TEST(Mutants, FewerThanTheMinimumIsAProblem) {
  const fs::path course = prepare_course("mutants-minimum", {}, {"grader/mutants/01-arith"});
  const GraderRun run = verify(course, {"01", "--only-mutants"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(has_line(run.out,
                       "has 0 author mutants in grader/mutants/01-arith/, fewer than the 7 "
                       "required"))
      << run.out;
}

// A course without grader/mutants/ has no author mutants: no minimum, and verify says so.
TEST(Mutants, ACourseWithoutMutantsHasNone) {
  const fs::path course = prepare_course("mutants-none", {}, {"grader/mutants"});
  const GraderRun run = verify(course, {"01", "--only-mutants"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(has_line(run.out, ok_line("01-arith", "no author mutants"))) << run.out;
  EXPECT_TRUE(
      has_line(run.out, "verify: the course has no grader/mutants/: no author mutants graded"))
      << run.out;
}

// --skip-mutants and --only-mutants together are bad usage: exit 2 and one line.
TEST(Mutants, SkipAndOnlyExcludeEachOther) {
  const GraderRun run = verify(course_dir(), {"01", "--skip-mutants", "--only-mutants"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
}

// 01-arith as two learner files: describe_sum in describe.cpp, the rest in arith.cpp.
const std::map<fs::path, std::string> kTwoFiles = {
    {"exercises/01-arith/exercise.json",
     R"({"id": "01-arith", "title": "Arithmetic", "day": "1-2", "lesson": "lessons/fixture.md#arith",
 "files": ["arith.cpp", "describe.cpp"], "points": {"default": 1, "tests": {"Arith.Divide": 2}},
 "limits": {"test_seconds": 2, "suite_seconds": 30, "build_seconds": 40}}
)"},
    {"solutions/01-arith/arith.cpp",
     "#define FIXTURE_OWN_DESCRIBE_SUM\n#include <fixture/arith_reference.hpp>\n"},
    {"solutions/01-arith/describe.cpp",
     "#include <fixture/arith.hpp>\n\nstd::string describe_sum(int a, int b) {\n"
     "  return std::to_string(a) + \" + \" + std::to_string(b) + \" = \" + std::to_string(a + b);\n"
     "}\n"},
    // Graded first: killed by Arith.Divide, through an object of arith.cpp.
    {"grader/mutants/01-arith/a-divide-floors.patch",
     "# bug: divide rounds toward minus infinity, not toward zero\n# kills: Arith.Divide\n"
     "--- a/arith.cpp\n+++ b/arith.cpp\n@@ -1,2 +1,8 @@\n+#define FIXTURE_OWN_DIVIDE\n"
     " #define FIXTURE_OWN_DESCRIBE_SUM\n #include <fixture/arith_reference.hpp>\n+\n"
     "+int divide(int a, int b) {\n+  const int quotient = a / b;\n"
     "+  return a % b != 0 && (a < 0) != (b < 0) ? quotient - 1 : quotient;\n+}\n"},
    // Graded second: a comment in describe.cpp, which no test can catch.
    {"grader/mutants/01-arith/b-describe-sum-comment.patch",
     "# bug: none, a comment: it must survive\n# kills: Arith.DescribeSum\n"
     "--- a/describe.cpp\n+++ b/describe.cpp\n@@ -1,3 +1,4 @@\n+// Spells the sum out.\n"
     " #include <fixture/arith.hpp>\n \n std::string describe_sum(int a, int b) {\n"},
};

// The mtime trap: the second mutant, on another file than the first, must be graded with
// the first one's file put back. Restoring that file with its old modification time would
// leave the first mutant's object in place (ninja rebuilds only what is newer than its
// object), and the surviving second mutant would look killed. A cold build each time: a
// verdict kept from an earlier run would hide the trap.
TEST(Mutants, ARestoredFileIsRebuiltForTheNextMutant) {
  const fs::path course = prepare_course("mutants-stale", kTwoFiles, {"grader/mutants/01-arith"});
  fs::remove_all(course / "build");
  const GraderRun run = verify(course, {"01", "--only-mutants", "--min-mutants", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(has_line(run.out,
                       "mutant 01-arith/b-describe-sum-comment survived: scored 7/7 (kills: "
                       "Arith.DescribeSum)"))
      << run.out;
  EXPECT_EQ(run.out.find("a-divide-floors"), std::string::npos) << run.out;  // killed
}

}  // namespace
}  // namespace e2e
