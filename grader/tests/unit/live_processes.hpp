// live_processes.hpp — finding a process a test started by its command line, for the
// tests that check nothing outlives a run (sandbox_test, reaper_test).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "util/file.hpp"

namespace grader::testing_support {

/// Returns: the /proc directory of a live (not zombie) process whose command line is
/// `cmdline` (NUL-separated), or "".
inline std::filesystem::path find_process(const std::string& cmdline) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string text = read_file(entry.path() / "cmdline").value_or("");
    const std::string state = read_file(entry.path() / "stat").value_or("");
    const std::size_t paren = state.rfind(')');
    const bool zombie = paren != std::string::npos && state.substr(paren + 2, 1) == "Z";
    if (text == cmdline && !zombie) return entry.path();
  }
  return "";
}

/// Returns: true while a process whose command line is `cmdline` runs, waiting up to 2 s.
inline bool process_left(const std::string& cmdline) {
  constexpr int kAttempts = 20;
  constexpr useconds_t kPauseUs = 100'000;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (find_process(cmdline).empty()) return false;
    usleep(kPauseUs);
  }
  return true;
}

/// Effects: sets `seconds` to a number of seconds no other test process uses at once
/// (its pid decides). Returns: the command line of `sleep` for that long.
inline std::string unique_sleep(std::string* seconds) {
  constexpr int kBase = 1000;
  *seconds = std::to_string(kBase + getpid() % kBase);
  return std::string("sleep\0", 6) + *seconds + std::string(1, '\0');
}

}  // namespace grader::testing_support
