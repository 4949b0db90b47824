// in_child.hpp — run a piece of work in a forked child and bring its result back.
//
// mdriver and the footprint test measure every allocator on every trace in a process of its
// own: a heap that an earlier pass grew (glibc's never shrinks below its free chunks,
// mimalloc and jemalloc keep segments and extents cached) would serve the next pass without
// growing its footprint, and utilization would be overstated.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <type_traits>

namespace mw::bench {

/// Effects: runs `work` in a child process forked for it.
/// Returns: what `work` returned there, or nothing when the child crashed or failed.
/// Throws: nothing of its own; `work` runs in the child, where an exception ends it.
template <class Payload, class Work>
std::optional<Payload> in_child(Work work) {
  static_assert(std::is_trivially_copyable_v<Payload>, "it travels through a pipe as bytes");
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return std::nullopt;
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    const Payload payload = work();
    const bool sent = write(pipe_fds[1], &payload, sizeof payload) == sizeof payload;
    _exit(sent ? 0 : 1);  // skip the destructors and atexit handlers of the parent's state
  }
  close(pipe_fds[1]);
  Payload payload{};
  const bool received = child > 0 && read(pipe_fds[0], &payload, sizeof payload) == sizeof payload;
  close(pipe_fds[0]);
  int status = 0;
  if (child > 0) waitpid(child, &status, 0);
  if (!received || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return payload;
}

}  // namespace mw::bench
