#include "process/reaper.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "process/process_table.hpp"

namespace grader {
namespace {

// Rounds of looking for descendants: a stopped process cannot fork, so the tree stops
// growing after a few; the bound only keeps a process that cannot be stopped or killed
// (uninterruptible sleep on a dead NFS server) from holding the grader forever.
constexpr int kMaxRounds = 100;
constexpr useconds_t kPauseBetweenRoundsUs = 10'000;

// Effects: sends SIGSTOP to every descendant until a look finds no new one.
// Returns: the descendants found.
std::set<pid_t> stop_descendants(pid_t self) {
  std::set<pid_t> stopped;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool grew = false;
    for (const pid_t pid : descendants_of(read_process_parents(), self)) {
      if (!stopped.insert(pid).second) continue;
      kill(pid, SIGSTOP);
      grew = true;
    }
    if (!grew) break;
  }
  return stopped;
}

}  // namespace

bool become_subreaper() {
  return prctl(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L) == 0;
}

std::size_t kill_descendants() {
  const pid_t self = getpid();
  std::set<pid_t> seen = stop_descendants(self);
  for (const pid_t pid : seen) kill(pid, SIGKILL);
  // A killed process's children (killed too) are reparented to this process, a subreaper,
  // when it dies: reap the direct children, then look again.
  for (int round = 0; round < kMaxRounds; ++round) {
    const ProcessParents parents = read_process_parents();
    const std::vector<pid_t> left = descendants_of(parents, self);
    if (left.empty()) break;
    for (const pid_t pid : left) {
      seen.insert(pid);
      kill(pid, SIGKILL);
    }
    for (const pid_t pid : children_of(parents, self)) waitpid(pid, nullptr, WNOHANG);
    usleep(kPauseBetweenRoundsUs);
  }
  return seen.size();
}

}  // namespace grader
