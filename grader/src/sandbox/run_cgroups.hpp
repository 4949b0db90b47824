// sandbox/run_cgroups.hpp — the cgroups one confined run is placed in.
//
// - pids: RLIMIT_NPROC does not bind root (nor a user namespace mapped to root), and a
//   PID namespace has no size limit: a fork bomb graded as root would take every PID of
//   the machine until the deadline. A pids cgroup caps the run's tasks whoever runs it.
// - cpu: every process of the run shares one CPU scheduling group, so the kernel divides
//   the CPU between the run as a whole and the rest of the machine. Without it, a fork
//   bomb's 512 spinning processes get 512 shares against one for each student graded
//   beside it, whose passing tests then miss their deadlines. There is no quota: on an
//   idle machine the run still has every core.
//
// Each needs a writable controller (cgroup v1's own hierarchy, or v2 with the controller
// enabled at the root); where one is missing, that part is skipped.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace grader {

class RunCgroups {
 public:
  /// Effects: creates a pids cgroup of at most `max_pids` tasks and a cpu cgroup, each
  /// when the host allows it (on cgroup v2 both are one directory).
  explicit RunCgroups(std::size_t max_pids);
  /// Effects: removes the cgroups (their tasks are gone by then).
  ~RunCgroups();
  RunCgroups(const RunCgroups&) = delete;
  RunCgroups& operator=(const RunCgroups&) = delete;

  /// Returns: whether the cap on the number of processes is in force.
  bool caps_processes() const { return caps_processes_; }
  /// Returns: whether the run's processes share one CPU scheduling group.
  bool groups_cpu() const { return groups_cpu_; }

  /// Returns: `argv` prefixed so that its process joins every cgroup before it execs
  /// (and fails with exit code 125 if it cannot), or `argv` itself when there is none.
  std::vector<std::string> wrap(std::vector<std::string> argv) const;

 private:
  std::vector<std::filesystem::path> dirs_;  // each joined by wrap(), removed at the end
  bool caps_processes_ = false;
  bool groups_cpu_ = false;
};

}  // namespace grader
