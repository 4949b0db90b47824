// The grader as a child subreaper: a process that left a run's process group and
// session outlives run_process, is adopted by the grader, and kill_descendants() ends it.
// No sandbox here: this is what keeps a grader without bubblewrap from leaving it running.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "live_processes.hpp"
#include "process/process.hpp"
#include "process/process_table.hpp"
#include "process/reaper.hpp"
#include "process/scratch_dir.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing_support::find_process;
using testing_support::unique_sleep;

// Effects: runs `script` with sh under run_process, unconfined.
ProcessResult run_shell(const std::string& script) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", script};
  spec.limits.wall_seconds = 10;
  return run_process(spec);
}

// Effects: runs, under run_process, a shell that starts `orphan` in a new session
// (setsid) and exits once it has started: before that, run_process's kill of the group
// on exit could still reach it.
ProcessResult leave_orphan(const std::string& orphan) {
  const ScratchDir scratch("grader-reaper-test-");
  const std::string started = (scratch.path() / "started").string();
  return run_shell("setsid sh -c 'touch " + started + "; " + orphan +
                   "' >/dev/null 2>&1 </dev/null & until [ -e " + started +
                   " ]; do sleep 0.01; done; exit 0");
}

// The /proc directory of the process whose command line is `cmdline`, waiting up to 2 s
// for it to exec; "" if it never does.
fs::path wait_for_process(const std::string& cmdline) {
  constexpr int kAttempts = 20;
  constexpr useconds_t kPauseUs = 100'000;
  for (int attempt = 0; attempt < kAttempts; ++attempt, usleep(kPauseUs)) {
    if (fs::path found = find_process(cmdline); !found.empty()) return found;
  }
  return "";
}

// The parent's pid is read after the command, whatever the command holds.
TEST(ProcessTable, ParentAfterTheLastParenthesis) {
  EXPECT_EQ(parent_in_stat("42 (sleep) S 7 42 42 0"), 7);
  EXPECT_EQ(parent_in_stat("42 (a) b (c)) R 1234 1 1"), 1234);
  EXPECT_EQ(parent_in_stat("42 (truncated"), -1);
  EXPECT_EQ(parent_in_stat(""), -1);
}

// Descendants at any depth, never the ancestor itself, even in a table with a cycle.
TEST(ProcessTable, DescendantsAtAnyDepth) {
  const ProcessParents parents = {{10, 1}, {11, 10}, {12, 11}, {13, 1}, {20, 21}, {21, 20}};
  EXPECT_EQ(descendants_of(parents, 10), (std::vector<pid_t>{11, 12}));
  EXPECT_EQ(children_of(parents, 1), (std::vector<pid_t>{10, 13}));
  EXPECT_EQ(descendants_of(parents, 20), (std::vector<pid_t>{21}));
}

// `setsid nohup sleep &` escapes run_process's kill of the group; the grader, a
// subreaper, adopts it, and kill_descendants() kills and reaps it: no zombie is left.
TEST(Reaper, KillsAnOrphanThatLeftTheSession) {
  ASSERT_TRUE(become_subreaper());
  std::string seconds;
  const std::string cmdline = unique_sleep(&seconds);
  const ProcessResult r = leave_orphan("exec nohup sleep " + seconds);
  ASSERT_TRUE(r.succeeded()) << r.describe() << r.output;
  const fs::path orphan = wait_for_process(cmdline);
  ASSERT_FALSE(orphan.empty()) << "the orphan never ran";
  EXPECT_EQ(parent_in_stat(read_file(orphan / "stat").value_or("")), getpid())
      << "the orphan was not adopted by this process";
  EXPECT_GE(kill_descendants(), 1u);
  EXPECT_FALSE(fs::exists(orphan)) << "the orphan still runs or was left a zombie";
}

// An orphan that keeps forking children of its own is ended with all of them.
TEST(Reaper, KillsTheOrphansWholeTree) {
  ASSERT_TRUE(become_subreaper());
  std::string seconds;
  const std::string cmdline = unique_sleep(&seconds);
  const ProcessResult r = leave_orphan("while :; do sleep " + seconds + " & sleep 0.05; done");
  ASSERT_TRUE(r.succeeded()) << r.describe() << r.output;
  ASSERT_FALSE(wait_for_process(cmdline).empty()) << "the orphan's children never ran";
  kill_descendants();
  EXPECT_TRUE(descendants_of(read_process_parents(), getpid()).empty());
  EXPECT_TRUE(find_process(cmdline).empty());
}

// With nothing left over, there is nothing to kill.
TEST(Reaper, NothingToKill) {
  ASSERT_TRUE(become_subreaper());
  ASSERT_TRUE(run_shell("true").succeeded());
  EXPECT_EQ(kill_descendants(), 0u);
}

}  // namespace
}  // namespace grader
