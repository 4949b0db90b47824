// build/build_lock.hpp — one grader at a time per build directory.
//
// Two graders building the same tree at once (a `watch` left running while
// `scripts/grade` runs, or two terminals) would race on the same object
// files and precompiled headers. Each takes this lock first; the second waits.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace grader {

class BuildDirLock {
 public:
  /// Effects: creates `dir` if needed and takes an exclusive lock on `dir`/.grader.lock,
  /// calling `waiting` once if another process holds it, then blocking until it is free.
  /// Throws: std::runtime_error when the lock file cannot be opened.
  BuildDirLock(const std::filesystem::path& dir,
               const std::function<void(const std::string&)>& waiting);
  ~BuildDirLock();
  BuildDirLock(const BuildDirLock&) = delete;
  BuildDirLock& operator=(const BuildDirLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace grader
