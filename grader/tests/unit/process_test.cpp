#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "process/process.hpp"

namespace grader {
namespace {

ProcessResult run_shell(const std::string& script, double wall_seconds = 10) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", script};
  spec.limits.wall_seconds = wall_seconds;
  return run_process(spec);
}

// True while `pid` runs (a zombie has finished running), waiting up to 2 s for it to go.
bool still_running(pid_t pid) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const std::size_t paren = text.rfind(')');
    if (text.empty() || paren == std::string::npos || text.substr(paren + 2, 1) == "Z")
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

// The pid a script printed on its first line.
pid_t first_line_pid(const ProcessResult& r) {
  return static_cast<pid_t>(std::stol(r.output.substr(0, r.output.find('\n'))));
}

// The exit code of a normal exit is kept.
TEST(RunProcess, ExitCode) {
  const ProcessResult r = run_shell("exit 3");
  EXPECT_TRUE(r.started);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.signal, 0);
  EXPECT_FALSE(r.succeeded());
  EXPECT_EQ(r.describe(), "exit code 3");
}

// Success is a zero exit, with stdout and stderr both captured.
TEST(RunProcess, CapturesStdoutAndStderr) {
  const ProcessResult r = run_shell("echo out; echo err >&2");
  EXPECT_TRUE(r.succeeded());
  EXPECT_EQ(r.output, "out\nerr\n");
  EXPECT_EQ(r.output_total, 8u);
}

// The signal that ended the process is reported.
TEST(RunProcess, Signal) {
  const ProcessResult r = run_shell("kill -SEGV $$");
  EXPECT_EQ(r.signal, SIGSEGV);
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(r.describe().find("SEGV"), std::string::npos) << r.describe();
}

// At the deadline the whole process group dies, a background grandchild included.
TEST(RunProcess, TimeoutKillsTheProcessGroup) {
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult r = run_shell("sleep 300 & echo $!; sleep 300", 0.5);
  EXPECT_TRUE(r.timed_out);
  EXPECT_FALSE(r.succeeded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(r.describe().find("timed out"), std::string::npos);
  EXPECT_FALSE(still_running(first_line_pid(r)));
}

// A background process left behind by a process that exited is killed too.
TEST(RunProcess, KillsWhatAnExitedProcessLeftBehind) {
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult r = run_shell("sleep 300 & echo $!");
  EXPECT_TRUE(r.succeeded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_FALSE(still_running(first_line_pid(r)));
}

// Output past the cap is counted but not kept.
TEST(RunProcess, OutputCapCountsEverything) {
  ProcessSpec spec;
  spec.argv = {"head", "-c", "3000000", "/dev/zero"};
  spec.limits.output_bytes = 1000;
  const ProcessResult r = run_process(spec);
  EXPECT_TRUE(r.succeeded());
  EXPECT_EQ(r.output.size(), 1000u);
  EXPECT_EQ(r.output_total, 3000000u);
}

// Standard input is /dev/null: a program reading it sees end of file at once.
TEST(RunProcess, StdinIsDevNull) {
  const ProcessResult r = run_shell("cat; readlink /proc/self/fd/0", 5);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.output, "/dev/null\n");
}

// The working directory and extra environment variables are applied.
TEST(RunProcess, CwdAndEnvironment) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "echo \"$GRADER_TEST_VALUE $(pwd)\""};
  spec.cwd = "/";
  spec.env["GRADER_TEST_VALUE"] = "hello";
  EXPECT_EQ(run_process(spec).output, "hello /\n");
}

// A program that cannot be executed exits 127 with a reason.
TEST(RunProcess, MissingProgram) {
  ProcessSpec spec;
  spec.argv = {"/nonexistent/program"};
  const ProcessResult r = run_process(spec);
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_NE(r.output.find("cannot execute"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace grader
