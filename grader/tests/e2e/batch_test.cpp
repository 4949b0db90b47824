// End-to-end: `grader batch` on a class built here from the fixture submissions: a
// directory, a .zip, a .tar.gz with a wrapper folder, and a .tar.gz that climbs out
// with "..". One run is interrupted with SIGINT after its first student; the next
// finishes the others without grading that one again, and a third grades nobody.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <map>
#include <thread>

#include "grader_runner.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path batch_root() {
  return fs::path(E2E_CACHE_DIR) / "batch";
}

void run_or_fail(const std::string& command) {
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

// The class, in grading order: a-dir (the solutions, as an exercises/ tree), b-zip.zip
// (only 01-arith's file, from the exit-zero case, at the top), c-evil.tar.gz (a "../"
// entry), d-wrapped.tar.gz (the solutions again, wrapped in a folder: all cached),
// e-tamper (01-arith writes forged result records: refused).
fs::path make_submissions() {
  const fs::path subs = batch_root() / "submissions";
  const fs::path staging = batch_root() / "staging";
  fs::remove_all(subs);
  fs::remove_all(staging);
  fs::create_directories(subs);
  const fs::path fixtures = FIXTURES_DIR;
  copy_tree(fixtures / "course" / "solutions", subs / "a-dir" / "exercises");
  copy_tree(fixtures / "course" / "solutions", staging / "d-wrapped" / "exercises");
  run_or_fail("tar czf '" + (subs / "d-wrapped.tar.gz").string() + "' -C '" + staging.string() +
              "' d-wrapped");
  const std::string python = PYTHON3;
  zip_file(subs / "b-zip.zip", "01-arith/arith.cpp",
           fixtures / "submissions" / "exit-zero" / "01-arith" / "arith.cpp");
  run_or_fail(python +
              " -c \"import tarfile,io,sys; t=tarfile.open(sys.argv[1],'w:gz'); "
              "i=tarfile.TarInfo('../escaped.txt'); i.size=2; "
              "t.addfile(i,io.BytesIO(b'hi')); t.close()\" '" +
              (subs / "c-evil.tar.gz").string() + "'");
  copy_tree(fixtures / "hostile" / "write-records" / "01-arith", subs / "e-tamper" / "01-arith");
  fs::remove_all(staging);
  return subs;
}

// Runs the grader in the background and interrupts it (SIGINT) once a first student is
// finished. Returns: its exit status, 128 + signal when a signal ended it.
int interrupt_after_first_student(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> argv = {GRADER_BINARY, "--root", course_dir().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  fs::remove(log);  // a previous run's log must not look like this run's progress
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    execv(c_argv[0], c_argv.data());
    _exit(127);
  }
  const auto deadline = Clock::now() + std::chrono::seconds(240);
  while (read_file(log).find("[1/") == std::string::npos && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(Batch, GradesAClassResumesAfterAnInterruptAndSkipsFinishedStudents) {
  const fs::path subs = make_submissions();
  const fs::path out = batch_root() / "out";
  fs::remove_all(out);
  const std::vector<std::string> args = {"batch",      subs.string(), "--out",
                                         out.string(), "--jobs",      "1"};

  // 1. Interrupted after the first student: exit 130, that student kept, nothing left running.
  const fs::path log = batch_root() / "interrupted.log";
  EXPECT_EQ(interrupt_after_first_student(args, log), 130) << read_file(log);
  EXPECT_NE(read_file(log).find("interrupted: 1 of 5 students are finished"), std::string::npos)
      << read_file(log);
  EXPECT_TRUE(fs::exists(out / "students" / "a-dir" / "batch.json"));
  EXPECT_EQ(processes_mentioning(out.string()).size(), 0u);

  // 2. The re-run skips a-dir, grades b-zip, refuses c-evil, reuses a-dir's verdicts for
  // d-wrapped.
  GraderRun run = run_grader(args);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_NE(run.out.find("a-dir 9/9 (100%) skipped: unchanged since the last run"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("c-evil refused: path '../escaped.txt' climbs out with '..'"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("d-wrapped 9/9 (100%)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(", 2 cached"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("[2/5] b-zip 6/9 (67%)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("e-tamper 0/9 (0%), 1 refused"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("class: 4 graded, 1 refused; mean 66.7%, median 83.3%"), std::string::npos)
      << run.out;
  EXPECT_TRUE(fs::is_empty(run.tmpdir)) << "the grader left files in its TMPDIR";
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(processes_mentioning(out.string()).size(), 0u);
  EXPECT_FALSE(fs::exists(batch_root() / "escaped.txt"));
  EXPECT_FALSE(fs::exists(out / "escaped.txt"));

  const std::string gradebook = read_file(out / "gradebook.csv");
  EXPECT_EQ(lines_of(gradebook),
            (std::vector<std::string>{
                "student,01-arith,02-greet,03-broken,total,max,percent,refused,status,reason",
                "a-dir,7,2,0,9,9,100.0,0,graded,", "b-zip,6,0,0,6,9,66.7,0,graded,",
                "c-evil,,,,,,,,refused,path '../escaped.txt' climbs out with '..'",
                "d-wrapped,7,2,0,9,9,100.0,0,graded,",
                "e-tamper,0,0,0,0,9,0.0,1,graded,01-arith refused: the suite's result channel "
                "carried a record its harness did not write: 'MWR1 0 test passed 0 Arith.Add "
                "00000000000000000000000000000…'"}));
  std::vector<fs::path> reports;
  for (const char* student : {"a-dir", "b-zip", "d-wrapped", "e-tamper"}) {
    reports.push_back(out / "students" / student / "report.json");
    EXPECT_TRUE(fs::exists(reports.back())) << student;
  }
  EXPECT_FALSE(fs::exists(out / "students" / "c-evil" / "report.json"));
  const std::string schema = schema_problems(reports);
  if (schema != "skip") EXPECT_EQ(schema, "");
  const nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  EXPECT_EQ(summary.at("students").size(), 5u);
  EXPECT_NEAR(summary.at("median_percent").get<double>(), 250.0 / 3, 1e-9);
  EXPECT_EQ(summary.at("exercises_refused"), 1);
  for (const char* page : {"summary.md", "summary.html"})
    EXPECT_GT(fs::file_size(out / page), 0u) << page;

  // 3. Nothing changed: nobody is graded again, and it is quick.
  const auto start = Clock::now();
  run = run_grader(args);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_LT(seconds, 10.0);
  const std::map<std::string, std::string> scores = {{"a-dir", "9/9 (100%)"},
                                                     {"b-zip", "6/9 (67%)"},
                                                     {"d-wrapped", "9/9 (100%)"},
                                                     {"e-tamper", "0/9 (0%), 1 refused"}};
  for (const auto& [student, score] : scores) {
    EXPECT_NE(run.out.find(student + " " + score + " skipped: unchanged since the last run"),
              std::string::npos)
        << run.out;
  }
  EXPECT_EQ(read_file(out / "gradebook.csv"), gradebook);
}

// The class files a merge writes: compared byte for byte between two ways of grading a class.
constexpr const char* kClassFiles[] = {"gradebook.csv", "summary.json", "summary.md",
                                       "summary.html"};

// Two shards graded side by side into one --out (a-dir and d-wrapped, the same code, write
// the same verdicts from two processes) and merged give the one-machine batch's class files.
TEST(Batch, ConcurrentShardsMergeToTheOneMachineGradebook) {
  const fs::path subs = make_submissions();
  const fs::path sharded = batch_root() / "sharded";
  const fs::path whole = batch_root() / "whole";
  fs::remove_all(sharded);
  fs::remove_all(whole);
  const auto shard = [&](const char* k) {
    return std::async(std::launch::async, [&, k] {
      return run_grader({"batch", subs.string(), "--out", sharded.string(), "--shard", k});
    });
  };
  auto first = shard("1/2");
  auto second = shard("2/2");
  for (GraderRun run : {first.get(), second.get()}) {
    fs::remove_all(run.tmpdir);
    ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
    EXPECT_NE(run.out.find("when every shard is, merge"), std::string::npos) << run.out;
  }
  EXPECT_FALSE(fs::exists(sharded / "gradebook.csv")) << "a shard wrote a partial gradebook";
  GraderRun merge = run_grader({"gradebook", sharded.string()});
  fs::remove_all(merge.tmpdir);
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_NE(merge.out.find("class: 4 graded, 1 refused"), std::string::npos) << merge.out;
  // The one-machine batch reuses the shards' verdicts (the same cache), so it is quick.
  copy_tree(sharded / "cache", whole / "cache");
  GraderRun one = run_grader({"batch", subs.string(), "--out", whole.string()});
  fs::remove_all(one.tmpdir);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  for (const char* file : kClassFiles)
    EXPECT_EQ(read_file(sharded / file), read_file(whole / file)) << file;
}

// --only regrades a named student from scratch (no stored report, no cached verdict) and
// rewrites the class files, which come out the same.
TEST(Batch, OnlyRegradesTheNamedStudentFromScratch) {
  const fs::path subs = make_submissions();
  const fs::path out = batch_root() / "only";
  fs::remove_all(out);
  GraderRun run = run_grader({"batch", subs.string(), "--out", out.string(), "--jobs", "2"});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string gradebook = read_file(out / "gradebook.csv");
  run = run_grader({"batch", subs.string(), "--out", out.string(), "--only", "d-wrapped"});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("[1/1] d-wrapped 9/9 (100%)"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("skipped"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("cached"), std::string::npos) << run.out;
  EXPECT_EQ(read_file(out / "gradebook.csv"), gradebook);
  run = run_grader({"batch", subs.string(), "--out", out.string(), "--only", "nobody"});
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no student named 'nobody'"), std::string::npos) << run.err;
}

// A shard run again grades no one (every student is kept) and the merge is unchanged;
// a merge while a shard's students have no result says who is missing.
TEST(Batch, RerunShardIsIdempotentAndAnEarlyMergeNamesTheMissing) {
  const fs::path subs = make_submissions();
  const fs::path out = batch_root() / "rerun";
  fs::remove_all(out);
  const std::vector<std::string> second = {"batch",      subs.string(), "--out",
                                           out.string(), "--shard",     "2/2"};
  GraderRun run = run_grader(second);
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  GraderRun early = run_grader({"gradebook", out.string()});
  fs::remove_all(early.tmpdir);
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_NE(early.err.find("3 of the class have no result yet (a-dir, b-zip, e-tamper)"),
            std::string::npos)
      << early.err;
  run = run_grader(second);
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("d-wrapped 9/9 (100%) skipped: unchanged"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find(" s\n"), std::string::npos) << "a student was graded again:\n" << run.out;
}

// a-poison's multiply is right, and when its test runs it plants into the batch's compiler
// cache (OUT/ccache, found from its own path OUT/work/a-poison/build/suite-01-arith) a
// ccache.conf whose prefix_command compiles a correct arith.cpp in place of the one a later
// build hands ccache: with a cache a run could write, b-wrong's wrong multiply would pass.
constexpr const char* kPoisonSource = R"(#define FIXTURE_OWN_MULTIPLY
#include <fixture/arith_reference.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

int multiply(int a, int b) {
  char exe[4096] = {};
  readlink("/proc/self/exe", exe, sizeof exe - 1);
  std::string cache(exe);
  for (int up = 0; up < 4; ++up) cache = cache.substr(0, cache.rfind('/'));
  cache += "/ccache";
  std::ofstream(cache + "/good.cpp") << "#include <fixture/arith_reference.hpp>\n";
  std::ofstream(cache + "/poison.sh")
      << "#!/bin/sh\nfor a do shift; case $a in */01-arith/arith.cpp) a=" << cache
      << "/good.cpp;; esac; set -- \"$@\" \"$a\"; done\nexec \"$@\"\n";
  chmod((cache + "/poison.sh").c_str(), 0755);
  std::ofstream(cache + "/ccache.conf") << "prefix_command = " << cache << "/poison.sh\n";
  std::ofstream(cache + "/mw-hostile-planted") << "planted";
  return a * b;
}
)";

constexpr const char* kWrongMultiply = R"(#define FIXTURE_OWN_MULTIPLY
#include <fixture/arith_reference.hpp>

int multiply(int a, int b) { return a + b; }
)";

// A test run cannot reach the compiler cache the builds share: a-poison's planted files are
// nowhere, and b-wrong, built through the cache after it, keeps its failed multiply. Only
// where bubblewrap runs: without it the batch uses no shared cache (it says so).
TEST(Batch, ATestRunCannotPoisonTheSharedCompilerCache) {
  const fs::path subs = batch_root() / "poison-submissions";
  const fs::path out = batch_root() / "poison";
  fs::remove_all(subs);
  fs::remove_all(out);
  fs::create_directories(subs / "a-poison" / "01-arith");
  fs::create_directories(subs / "b-wrong" / "01-arith");
  std::ofstream(subs / "a-poison" / "01-arith" / "arith.cpp") << kPoisonSource;
  std::ofstream(subs / "b-wrong" / "01-arith" / "arith.cpp") << kWrongMultiply;
  GraderRun run = run_grader({"batch", subs.string(), "--out", out.string(), "--jobs", "1"});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  if (run.out.find("no compiler cache: without bubblewrap") != std::string::npos)
    GTEST_SKIP() << "bubblewrap cannot run here: no shared compiler cache";
  EXPECT_NE(run.out.find("compiler cache " + (out / "ccache").string()), std::string::npos)
      << run.out;
  EXPECT_EQ(lines_of(read_file(out / "gradebook.csv")),
            (std::vector<std::string>{
                "student,01-arith,02-greet,03-broken,total,max,percent,refused,status,reason",
                "a-poison,7,0,0,7,9,77.8,0,graded,", "b-wrong,6,0,0,6,9,66.7,0,graded,"}));
  for (const char* planted : {"ccache.conf", "poison.sh", "good.cpp", "mw-hostile-planted"})
    EXPECT_FALSE(fs::exists(out / "ccache" / planted)) << planted;
  EXPECT_FALSE(fs::is_empty(out / "ccache")) << "the builds did not go through the cache";
}

TEST(Batch, BadUsageIsOneLineAndExitTwo) {
  const fs::path subs = batch_root() / "usage-submissions";
  fs::create_directories(subs);
  for (const auto& [args, reason] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"batch", (batch_root() / "missing").string(), "--out", "x"}, "is not a directory"},
           {{"batch", subs.string(), "--out", (subs / "out").string()},
            "is inside the submissions directory"},
           {{"batch", subs.string(), "--out", subs.parent_path().string()},
            "the submissions directory is inside --out"},
           {{"batch", subs.string(), "--out", "x", "99"}, "no exercise named '99'"},
           {{"batch", subs.string(), "--out", "x", "--jobs", "0"}, "--jobs"},
           {{"batch", subs.string(), "--out", "x", "--shard", "3/2"}, "--shard '3/2' is not K/N"},
           {{"batch", subs.string(), "--out", "x", "--shard", "1/2", "--only", "a"},
            "do not go together"},
           {{"gradebook", subs.string()}, "holds no batch results"}}) {
    GraderRun run = run_grader(args);
    fs::remove_all(run.tmpdir);
    EXPECT_EQ(run.exit_code, 2) << args[1];
    EXPECT_NE(run.err.find(reason), std::string::npos) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
  EXPECT_FALSE(fs::exists(subs / "out"));
}

}  // namespace
}  // namespace e2e
