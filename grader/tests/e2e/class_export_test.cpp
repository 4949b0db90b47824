// End-to-end: the late policy and the Canvas export of `grader batch` and `grader gradebook`
// on a class of the fixture course: ann hands in a .zip an hour late, ben a directory two
// days late with a three-day extension (the class of fixtures/similarity/class/, whose
// two students hand in the same 01-arith: 7 of 9 points each).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <tuple>

#include "grader_runner.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;
using std::chrono::sys_days;

// The due date of the policy below, 2026-03-14T23:59:00+01:00, in UTC.
const auto kDue = sys_days(std::chrono::year(2026) / 3 / 14) + hours(22) + std::chrono::minutes(59);

constexpr const char* kPolicy = R"({
  "due": "2026-03-14T23:59:00+01:00",
  "late_penalty_percent_per_day": 10,
  "extensions": {"ben": 3}
})";

fs::path root() {
  return fs::path(E2E_CACHE_DIR) / "class-export";
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

void set_modified(const fs::path& entry, std::chrono::sys_seconds at) {
  fs::last_write_time(entry, std::chrono::file_clock::from_sys(at));
}

// The class, graded into `out` (resumed when it already is: only the class files are new).
// ann.zip was modified an hour after the due date, ben/ 50 hours after it.
void grade_class(const fs::path& out, const std::vector<std::string>& extra) {
  const fs::path subs = root() / "submissions";
  const fs::path class_dir = fs::path(FIXTURES_DIR) / "similarity" / "class";
  fs::remove_all(subs);
  copy_tree(class_dir / "ben", subs / "ben");
  zip_file(subs / "ann.zip", "01-arith/arith.cpp", class_dir / "ann" / "01-arith" / "arith.cpp");
  set_modified(subs / "ann.zip", kDue + hours(1));
  set_modified(subs / "ben", kDue + hours(50));
  std::vector<std::string> args = {"batch", subs.string(), "--out", out.string(), "--jobs", "1"};
  args.insert(args.end(), extra.begin(), extra.end());
  GraderRun run = run_grader(args);
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_NE(run.out.find("late policy: "), std::string::npos) << run.out;
}

constexpr const char* kHeader =
    "student,01-arith,02-greet,03-broken,total,max,percent,submitted_at,due,days_late,penalty,"
    "final,final_percent,refused,status,reason";

TEST(LatePolicy, PenaltyFromFileTimesThenFromTheCsvWithAnExtension) {
  const fs::path out = root() / "policy";
  fs::remove_all(out);
  write_text(root() / "policy.json", kPolicy);
  grade_class(out, {"--policy", (root() / "policy.json").string()});
  // ann: an hour late is a day late, 10% of 7 points; ben: on time within his extension.
  EXPECT_EQ(lines_of(read_file(out / "gradebook.csv")),
            (std::vector<std::string>{
                kHeader,
                "ann,7,0,0,7,9,77.8,2026-03-14T23:59:00Z,2026-03-14T22:59:00Z,1,0.7,6.3,70.0,0,"
                "graded,",
                "ben,7,0,0,7,9,77.8,2026-03-17T00:59:00Z,2026-03-17T22:59:00Z,0,0,7,77.8,0,"
                "graded,"}));
  // The CSV says ann handed in on time; ben is not in it, so his file time stays, noted.
  write_text(root() / "times.csv", "student,submitted_at\r\nann,2026-03-14T23:00:00+01:00\r\n");
  GraderRun run =
      run_grader({"gradebook", out.string(), "--submitted-at", (root() / "times.csv").string()});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("0 of 2 students late"), std::string::npos) << run.out;
  const std::vector<std::string> with_csv = {
      kHeader, "ann,7,0,0,7,9,77.8,2026-03-14T22:00:00Z,2026-03-14T22:59:00Z,0,0,7,77.8,0,graded,",
      "ben,7,0,0,7,9,77.8,2026-03-17T00:59:00Z,2026-03-17T22:59:00Z,0,0,7,77.8,0,graded,not in "
      "submitted-at.csv: submitted_at is the entry's modification time"};
  EXPECT_EQ(lines_of(read_file(out / "gradebook.csv")), with_csv);
  // Both are kept in OUT: a merge without options applies them again.
  run = run_grader({"gradebook", out.string()});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(lines_of(read_file(out / "gradebook.csv")), with_csv);
}

TEST(CanvasExport, ColumnsAsCanvasImportsThemWithIdsFromItsExport) {
  const fs::path out = root() / "canvas";
  fs::remove_all(out);
  write_text(root() / "policy.json", kPolicy);
  // A Canvas gradebook export: identity columns, assignments, a "Points Possible" row.
  write_text(root() / "canvas-export.csv",
             "Student,ID,SIS User ID,SIS Login ID,Section,Week 1 (4321),Current Score\r\n"
             "    Points Possible,,,,,9,(read only)\r\n"
             "\"Lee, Ann\",101,S-101,ann,Section A,,\r\n"
             "\"Kim, Dora\",102,S-102,dora,Section B,,\r\n");
  grade_class(
      out, {"--policy", (root() / "policy.json").string(), "--format", "canvas", "--canvas-roster",
            (root() / "canvas-export.csv").string(), "--canvas-assignment", "Week 1 (4321)"});
  EXPECT_EQ(lines_of(read_file(out / "canvas.csv")),
            (std::vector<std::string>{"Student,ID,SIS User ID,SIS Login ID,Section,Week 1 (4321)",
                                      "\"Lee, Ann\",101,S-101,ann,Section A,6.3", "ben,,,ben,,7"}));
  // Without a Canvas roster every row names the student by SIS Login ID.
  GraderRun run = run_grader({"gradebook", out.string(), "--format", "canvas"});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("no --canvas-roster"), std::string::npos) << run.out;
  EXPECT_EQ(lines_of(read_file(out / "canvas.csv")),
            (std::vector<std::string>{"Student,ID,SIS User ID,SIS Login ID,Section,Memory Workbook",
                                      "ann,,,ann,,6.3", "ben,,,ben,,7"}));
}

TEST(LatePolicy, BrokenPolicyOrExportIsOneLineAndExitTwo) {
  const fs::path empty = root() / "no-class";
  fs::create_directories(empty);
  const fs::path file = root() / "broken";
  for (const auto& [option, text, reason] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"--policy", "{\"due\": ", "not a JSON object"},
           {"--policy", "{}", "field 'due' is missing"},
           {"--policy", "{\"due\": \"2026-03-14T23:59:00\"}", "field 'due': expected a date-time"},
           {"--policy", "{\"due\": \"2026-03-14T23:59Z\", \"late_penalty\": 5}",
            "unknown field 'late_penalty'"},
           {"--policy", "{\"due\": \"2026-03-14T23:59Z\", \"late_penalty_percent_per_day\": -1}",
            "expected a number from 0 to 100"},
           {"--policy", "{\"due\": \"2026-03-14T23:59Z\", \"extensions\": {\"bob\": \"soon\"}}",
            "field 'extensions.bob'"},
           {"--submitted-at", "name,time\n", "expected the header student,submitted_at"},
           {"--submitted-at", "student,submitted_at\nann,yesterday\n", "record 2"},
           {"--canvas-roster", "Name,Login\n", "not a Canvas gradebook export"}}) {
    write_text(file, text);
    std::vector<std::string> args = {"gradebook", empty.string(), option, file.string()};
    if (option == "--canvas-roster") args.insert(args.end(), {"--format", "canvas"});
    GraderRun run = run_grader(args);
    fs::remove_all(run.tmpdir);
    EXPECT_EQ(run.exit_code, 2) << text << run.err;
    EXPECT_NE(run.err.find(reason), std::string::npos) << run.err;
    EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
  }
  for (const auto& [args, reason] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"gradebook", empty.string(), "--format", "moodle"}, "--format 'moodle'"},
           {{"gradebook", empty.string(), "--canvas-assignment", "W1"}, "are for --format canvas"},
           {{"batch", (fs::path(FIXTURES_DIR) / "similarity" / "class").string(), "--out",
             (root() / "never").string(), "--policy", file.string()},
            "not a JSON object"}}) {
    write_text(file, "[]");
    GraderRun run = run_grader(args);
    fs::remove_all(run.tmpdir);
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_NE(run.err.find(reason), std::string::npos) << run.err;
    EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
  }
  EXPECT_FALSE(fs::exists(root() / "never" / "students")) << "a broken policy graded someone";
  EXPECT_FALSE(fs::exists(empty / "policy.json")) << "a broken policy was kept";
}

}  // namespace
}  // namespace e2e
