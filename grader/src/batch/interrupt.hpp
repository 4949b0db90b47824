// batch/interrupt.hpp — stopping a batch cleanly on Ctrl-C (SIGINT) or SIGTERM.
//
// Builds and suites run in process groups of their own (see process/process.hpp), so the
// terminal's SIGINT reaches only the grader. The batch notices it, kills what its
// workers are running, lets them unwind (their scratch directories are removed) and
// keeps every student finished so far; the next run starts where this one stopped.
#pragma once

#include <chrono>

namespace grader {

/// Invariant: at most one exists at a time (signal handlers are process-wide).
class InterruptWatch {
 public:
  /// Effects: installs SIGINT and SIGTERM handlers that only record the signal.
  /// Throws: std::runtime_error when its pipe cannot be made.
  InterruptWatch();
  /// Effects: restores the previous handlers.
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  /// Effects: waits at most `timeout` for a signal.
  /// Returns: whether one has arrived, now or before.
  bool wait(std::chrono::milliseconds timeout);

  /// Returns: the signal that arrived (SIGINT or SIGTERM), or 0.
  int signal() const;
};

/// Effects: sends SIGKILL to every child process of this process and to the process
/// group it leads (a build's compilers, a suite's forks), never to this process's group.
/// Returns: how many children it found.
int kill_children();

}  // namespace grader
