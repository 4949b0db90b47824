#include "batch/interrupt.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "process/process_table.hpp"

namespace grader {
namespace {

// Process-wide, as signal handlers are: set by InterruptWatch, read by the handler.
std::atomic<int> g_wake_fd{-1};
std::atomic<int> g_signal{0};
int g_read_fd = -1;
struct sigaction g_old_int {};
struct sigaction g_old_term {};

extern "C" void on_signal(int number) {
  g_signal.store(number);
  const int fd = g_wake_fd.load();
  const char byte = 1;
  if (fd >= 0) (void)!write(fd, &byte, 1);
}

}  // namespace

InterruptWatch::InterruptWatch() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("pipe2 failed");
  g_read_fd = fds[0];
  g_wake_fd.store(fds[1]);
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_old_int);
  sigaction(SIGTERM, &action, &g_old_term);
}

InterruptWatch::~InterruptWatch() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
  close(g_wake_fd.exchange(-1));
  close(g_read_fd);
  g_read_fd = -1;
}

bool InterruptWatch::wait(std::chrono::milliseconds timeout) {
  if (g_signal.load() != 0) return true;
  pollfd fd{g_read_fd, POLLIN, 0};
  poll(&fd, 1, static_cast<int>(timeout.count()));
  return g_signal.load() != 0;
}

int InterruptWatch::signal() const {
  return g_signal.load();
}

int kill_children() {
  const std::vector<pid_t> children = children_of(read_process_parents(), getpid());
  for (const pid_t pid : children) {
    if (getpgid(pid) == pid) kill(-pid, SIGKILL);  // its group: what it started
    kill(pid, SIGKILL);                            // it, even before its setpgid
  }
  return static_cast<int>(children.size());
}

}  // namespace grader
