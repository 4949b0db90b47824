// process/scratch_dir.hpp — a private temporary directory, removed on destruction.
#pragma once

#include <filesystem>
#include <string>

namespace grader {

/// A fresh directory only the grader's user can read (mode 0700), made with
/// mkdtemp under $TMPDIR or /tmp. Invariant: path() exists until destruction,
/// which removes it and everything in it.
class ScratchDir {
 public:
  /// Effects: creates the directory, named <prefix>XXXXXX. Throws: std::runtime_error.
  explicit ScratchDir(const std::string& prefix = "grader-");
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace grader
