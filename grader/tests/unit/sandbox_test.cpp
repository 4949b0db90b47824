// Programs run inside bubblewrap: what they can and cannot do, and that nothing
// of theirs outlives the run. Skipped (never passed) where bwrap cannot run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "live_processes.hpp"
#include "process/scratch_dir.hpp"
#include "sandbox/policies.hpp"
#include "sandbox/run_cgroups.hpp"
#include "sandbox/sandbox.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing_support::find_process;
using testing_support::process_left;
using testing_support::unique_sleep;

class Sandbox : public testing::Test {
 protected:
  void SetUp() override {
    if (sandbox_program().empty()) GTEST_SKIP() << "bubblewrap cannot run here";
    fs::create_directories(root() / "writable");
    fs::create_directories(root() / "hidden");
    std::ofstream(root() / "hidden" / "secret") << "the answer\n";
    std::ofstream(root() / "readable") << "visible\n";
  }

  const fs::path& root() const { return dir_.path(); }

  ProcessResult run(const std::string& script, double seconds = 10) {
    ProcessSpec spec;
    spec.argv = {"sh", "-c", script};
    spec.cwd = root() / "writable";
    spec.limits.wall_seconds = seconds;
    return run_confined(spec, SandboxPolicy{{root() / "writable"}, {root() / "hidden"}, {}, {}});
  }

 private:
  ScratchDir dir_{"grader-sandbox-test-"};
};

// Only the writable directory (and a private /tmp) can be written: writes elsewhere fail
// or land in the sandbox's own /tmp, never on the host.
TEST_F(Sandbox, WritesOnlyWhereAllowed) {
  const std::string marker = "grader-sandbox-marker-" + std::to_string(getpid());
  const ProcessResult r = run("echo x > ok && echo x > /tmp/" + marker + " && ! echo x > /etc/" +
                              marker + " && ! echo x > /var/tmp/" + marker +
                              " && { echo x > ../escaped; echo x > ../hidden/planted; true; }");
  EXPECT_TRUE(r.succeeded()) << r.describe() << r.output;
  EXPECT_TRUE(fs::exists(root() / "writable" / "ok"));
  EXPECT_FALSE(fs::exists(root() / "escaped"));
  EXPECT_FALSE(fs::exists(root() / "hidden" / "planted"));
  for (const char* dir : {"/tmp", "/etc", "/var/tmp"})
    EXPECT_FALSE(fs::exists(fs::path(dir) / marker)) << dir;
}

// A hidden directory is empty inside; the host's files are not lost.
TEST_F(Sandbox, HiddenIsEmpty) {
  const ProcessResult r = run("ls -A ../hidden; cat ../hidden/secret");
  EXPECT_FALSE(r.succeeded());
  EXPECT_EQ(r.output.find("the answer"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("secret\n"), std::string::npos) << r.output;
  EXPECT_EQ(read_file(root() / "hidden" / "secret"), "the answer\n");
}

// No network: not even the loopback interface of the host.
TEST_F(Sandbox, NoNetwork) {
  const ProcessResult r = run("cat /proc/net/dev | grep -c ':' ; exec 3<>/dev/tcp/127.0.0.1/22");
  EXPECT_EQ(r.output.substr(0, 2), "1\n") << "only lo, and it is down: " << r.output;
}

// Root inside is nobody with no capability.
TEST_F(Sandbox, NoPrivilege) {
  const ProcessResult r = run("id -u; grep CapEff /proc/self/status");
  EXPECT_NE(r.output.find("65534\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0000000000000000"), std::string::npos) << r.output;
}

// A program killed by a signal inside is reported as killed by it, not as bwrap's 128 + N.
TEST_F(Sandbox, SignalReported) {
  const ProcessResult r = run("kill -SEGV $$");
  EXPECT_EQ(r.signal, SIGSEGV) << r.describe();
  EXPECT_EQ(run("exit 3").exit_code, 3);
}

// A child that left the session and ignores SIGHUP dies with the sandbox, both when the
// program exits and when it is killed at the deadline.
TEST_F(Sandbox, NothingOutlivesIt) {
  std::string seconds;
  const std::string cmdline = unique_sleep(&seconds);
  const ProcessResult exited = run("setsid nohup sleep " + seconds + " >/dev/null 2>&1 & exit 0");
  EXPECT_TRUE(exited.succeeded()) << exited.output;
  EXPECT_FALSE(process_left(cmdline));
  const ProcessResult killed =
      run("setsid nohup sleep " + seconds + " >/dev/null 2>&1 & sleep 60", 1);
  EXPECT_TRUE(killed.timed_out);
  EXPECT_FALSE(process_left(cmdline));
}

// The number of processes is capped (when the host has a pids controller): a fork bomb
// fails to fork rather than taking every PID of the machine, even when graded as root.
TEST_F(Sandbox, ProcessCap) {
  if (!RunCgroups(1).caps_processes()) GTEST_SKIP() << "no writable pids cgroup controller here";
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "for i in $(seq 100); do sleep 3 & done; wait; echo done"};
  spec.limits.processes = 40;
  spec.limits.wall_seconds = 20;
  const ProcessResult r = run_confined(spec, SandboxPolicy{});
  EXPECT_NE(r.output.find("fork"), std::string::npos) << r.output;
}

// Every process of a run is in a cpu cgroup of the grader's own (when the host has a
// cpu controller), so a fork bomb weighs as one process against the rest of the machine;
// the cgroup is gone once the run is.
TEST_F(Sandbox, OneCpuGroupPerRun) {
  if (!RunCgroups(1).groups_cpu()) GTEST_SKIP() << "no writable cpu cgroup controller here";
  std::string seconds;
  const std::string cmdline = unique_sleep(&seconds);
  auto running = std::async(std::launch::async, [&] { return run("sleep " + seconds, 20); });
  fs::path proc;
  for (int attempt = 0; attempt < 100 && proc.empty(); ++attempt, usleep(50000))
    proc = find_process(cmdline);
  ASSERT_FALSE(proc.empty()) << "the confined sleep never started";
  const std::string cgroups = read_file(proc / "cgroup").value_or("");
  kill(std::stoi(proc.filename().string()), SIGKILL);
  running.wait();
  std::string cpu_line;  // v1 "4:cpu,cpuacct:/grader-…", else v2 "0::/grader-…"
  std::istringstream lines(cgroups);
  for (std::string line; std::getline(lines, line);) {
    const bool v1_cpu =
        line.find(":cpu,") != std::string::npos || line.find(":cpu:") != std::string::npos;
    if (v1_cpu || (cpu_line.empty() && line.rfind("0::", 0) == 0)) cpu_line = line;
    if (v1_cpu) break;
  }
  const std::size_t at = cpu_line.find(":/grader-");
  ASSERT_NE(at, std::string::npos) << cgroups;
  const std::string group = cpu_line.substr(at + 2);
  EXPECT_FALSE(fs::exists("/sys/fs/cgroup/cpu" + group) || fs::exists("/sys/fs/cgroup" + group))
      << group << " was left behind";
}

// build_policy hides the solutions and lets the build write its directory only;
// run_policy hides the hidden suites too; missing extra paths are skipped.
TEST(SandboxPolicies, WhatEachStepSees) {
  const ScratchDir dir("grader-policy-test-");
  const fs::path course = dir.path() / "course";
  for (const char* sub : {"solutions", "grader/suites", "exercises", "ws", "build"})
    fs::create_directories(course / sub);
  std::ofstream(dir.path() / "other.zip") << "";
  const SandboxPaths paths{course,
                           course,
                           course / "ws",
                           course / "build",
                           {dir.path() / "other.zip", dir.path() / "missing"}};
  const fs::path canon = fs::canonical(course);
  const SandboxPolicy build = build_policy(paths);
  EXPECT_NE(std::find(build.readable.begin(), build.readable.end(), canon), build.readable.end());
  EXPECT_EQ(build.writable, std::vector<fs::path>{canon / "build"});
  EXPECT_EQ(build.hidden, std::vector<fs::path>{canon / "solutions"});
  EXPECT_EQ(build.hidden_files, std::vector<fs::path>{fs::canonical(dir.path() / "other.zip")});
  const SandboxPolicy run = run_policy(paths);
  EXPECT_TRUE(run.writable.empty());
  EXPECT_EQ(run.hidden, (std::vector<fs::path>{canon / "solutions", canon / "grader" / "suites"}));
}

// A shared compiler cache: the build writes it, a suite run neither sees nor writes it.
TEST(SandboxPolicies, CompilerCacheIsWrittenByBuildsAndHiddenFromRuns) {
  const ScratchDir dir("grader-policy-test-");
  const fs::path course = dir.path() / "course";
  for (const char* sub : {"solutions", "grader/suites", "ws", "build"})
    fs::create_directories(course / sub);
  fs::create_directories(dir.path() / "ccache");
  SandboxPaths paths{course, course, course / "ws", course / "build", {}};
  paths.compiler_cache = dir.path() / "ccache";
  const fs::path cache = fs::canonical(dir.path() / "ccache");
  const fs::path canon = fs::canonical(course);
  EXPECT_EQ(build_policy(paths).writable, (std::vector<fs::path>{canon / "build", cache}));
  const SandboxPolicy run = run_policy(paths);
  EXPECT_TRUE(run.writable.empty());
  EXPECT_NE(std::find(run.hidden.begin(), run.hidden.end(), cache), run.hidden.end());
}

// The same, confined for real: a build step plants a file in the cache; a suite run finds
// the cache empty and cannot write it.
TEST_F(Sandbox, CompilerCacheOutOfARunsReach) {
  const fs::path course = root() / "course";
  for (const char* sub : {"solutions", "grader/suites", "ws", "build"})
    fs::create_directories(course / sub);
  const fs::path cache = root() / "ccache";
  fs::create_directories(cache);
  SandboxPaths paths{course, course, course / "ws", course / "build", {}};
  paths.compiler_cache = cache;
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "echo object > " + (cache / "entry").string()};
  spec.limits.wall_seconds = 10;
  EXPECT_TRUE(run_confined(spec, build_policy(paths)).succeeded());
  spec.argv = {"sh", "-c",
               "echo seen=$(ls -A " + cache.string() + " | wc -l); echo poison > " +
                   (cache / "entry").string() + " || echo refused"};
  const ProcessResult r = run_confined(spec, run_policy(paths));
  EXPECT_NE(r.output.find("seen=0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("refused"), std::string::npos) << r.output;
  EXPECT_EQ(read_file(cache / "entry").value_or(""), "object\n");
}

// A course cloned under /tmp (which the sandbox replaces with a private one) stays
// readable to the build, while its solutions stay hidden; CI clones there.
TEST_F(Sandbox, CourseUnderTmpStaysReadable) {
  std::string pattern = "/tmp/grader-course-under-tmp-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path course = pattern;
  struct Remove {
    fs::path path;
    ~Remove() { fs::remove_all(path); }
  } remove{course};
  fs::create_directories(course / "solutions");
  fs::create_directories(course / "build");
  fs::create_directories(course / "ws");
  std::ofstream(course / "CMakeLists.txt") << "project(x)\n";
  std::ofstream(course / "solutions" / "answer.hpp") << "42\n";
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "cat ../CMakeLists.txt && ! cat ../solutions/answer.hpp && echo ok"};
  spec.cwd = course / "build";
  spec.limits.wall_seconds = 10;
  const ProcessResult r = run_confined(
      spec, build_policy(SandboxPaths{course, course, course / "ws", course / "build", {}}));
  EXPECT_TRUE(r.succeeded()) << r.describe() << r.output;
  EXPECT_NE(r.output.find("project(x)"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("42"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace grader
