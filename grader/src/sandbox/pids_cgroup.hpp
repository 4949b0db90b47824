// sandbox/pids_cgroup.hpp — a cap on the number of processes of one confined run.
//
// RLIMIT_NPROC does not bind root (nor a user namespace mapped to root), and a PID
// namespace has no size limit: a fork bomb graded as root would take every PID of
// the machine until the deadline. A pids cgroup caps the run's tasks whoever runs
// it. It needs a writable pids controller (cgroup v1's pids hierarchy, or v2 with
// pids enabled at the root): where there is none, the cap is skipped.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace grader {

class PidsCgroup {
 public:
  /// Effects: creates a cgroup of at most `max_pids` tasks, when the host allows it.
  explicit PidsCgroup(std::size_t max_pids);
  /// Effects: removes the cgroup (its tasks are gone by then).
  ~PidsCgroup();
  PidsCgroup(const PidsCgroup&) = delete;
  PidsCgroup& operator=(const PidsCgroup&) = delete;

  /// Returns: whether the cap is in force.
  bool active() const { return !dir_.empty(); }

  /// Returns: `argv` prefixed so that its process joins the cgroup before it execs
  /// (and fails with exit code 125 if it cannot), or `argv` itself when not active.
  std::vector<std::string> wrap(std::vector<std::string> argv) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace grader
