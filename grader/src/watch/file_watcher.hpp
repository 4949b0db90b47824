// watch/file_watcher.hpp — noticing that a learner saved a file.
//
// inotify where it works; polling modification times where it does not
// (network file systems, WSL mounts of Windows drives). Editors save in
// bursts (write a temp file, rename, touch), so changes are debounced.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>

namespace grader {

class FileWatcher {
 public:
  /// Effects: watches every file under `dir`; uses polling when `poll` is set or
  /// inotify cannot be used. Throws: std::runtime_error when `dir` does not exist.
  FileWatcher(std::filesystem::path dir, bool poll);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  /// Effects: waits at most `timeout` for a change; after the first change, keeps
  /// waiting until `quiet` passes with no further change (the debounce).
  /// Returns: true when something changed.
  bool wait_for_change(std::chrono::milliseconds timeout, std::chrono::milliseconds quiet);

  /// Returns: a file descriptor that becomes readable on a change, or -1 when polling
  /// (so a caller can wait on it together with the keyboard).
  int fd() const { return inotify_fd_; }

  bool polling() const { return inotify_fd_ < 0; }

 private:
  bool drain_events(std::chrono::milliseconds timeout);
  bool poll_changed();
  std::map<std::filesystem::path, std::filesystem::file_time_type> snapshot() const;

  std::filesystem::path dir_;
  int inotify_fd_ = -1;
  std::map<std::filesystem::path, std::filesystem::file_time_type> last_seen_;
};

}  // namespace grader
