#include "watch/file_watcher.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

namespace grader {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

FileWatcher::FileWatcher(fs::path dir, bool poll) : dir_(std::move(dir)) {
  if (!fs::is_directory(dir_))
    throw std::runtime_error("cannot watch '" + dir_.string() + "': not a directory");
  if (!poll) {
    inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MODIFY;
    if (inotify_fd_ >= 0 && inotify_add_watch(inotify_fd_, dir_.c_str(), kEvents) < 0) {
      close(inotify_fd_);
      inotify_fd_ = -1;
    }
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(dir_, ec)) {
      if (inotify_fd_ >= 0 && entry.is_directory())
        inotify_add_watch(inotify_fd_, entry.path().c_str(), kEvents);
    }
  }
  last_seen_ = snapshot();
}

FileWatcher::~FileWatcher() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
}

std::map<fs::path, fs::file_time_type> FileWatcher::snapshot() const {
  std::map<fs::path, fs::file_time_type> times;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir_, ec)) {
    if (entry.is_regular_file(ec)) times[entry.path()] = entry.last_write_time(ec);
  }
  return times;
}

bool FileWatcher::poll_changed() {
  auto now = snapshot();
  const bool changed = now != last_seen_;
  last_seen_ = std::move(now);
  return changed;
}

// Reads every pending inotify event, waiting at most `timeout` for the first.
bool FileWatcher::drain_events(milliseconds timeout) {
  pollfd fd{inotify_fd_, POLLIN, 0};
  if (::poll(&fd, 1, static_cast<int>(timeout.count())) <= 0) return false;
  alignas(inotify_event) char buffer[8192];
  bool any = false;
  while (read(inotify_fd_, buffer, sizeof buffer) > 0) any = true;
  return any;
}

bool FileWatcher::wait_for_change(milliseconds timeout, milliseconds quiet) {
  const auto changed_within = [&](milliseconds wait) {
    if (!polling()) return drain_events(wait);
    constexpr milliseconds kPollInterval(250);
    const auto until = Clock::now() + wait;
    do {
      if (poll_changed()) return true;
      std::this_thread::sleep_for(std::min(kPollInterval, wait));
    } while (Clock::now() < until);
    return false;
  };
  if (!changed_within(timeout)) return false;
  while (changed_within(quiet)) {
  }
  return true;
}

}  // namespace grader
