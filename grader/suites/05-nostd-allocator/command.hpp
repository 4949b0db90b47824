// command.hpp — run a shell command and keep what it printed, for the tests
// that drive binutils, the ARM toolchain and QEMU.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace mwtest05 {

struct CommandResult {
  int status;          // the exit status, or -1 if the command could not run
  std::string output;  // stdout and stderr, interleaved
};

/// Effects: runs `command` with /bin/sh, stderr folded into stdout.
/// Returns: its exit status and output.
inline CommandResult run(const std::string& command) {
  CommandResult result{-1, {}};
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> chunk;
  while (std::size_t n = std::fread(chunk.data(), 1, chunk.size(), pipe)) {
    result.output.append(chunk.data(), n);
  }
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// Returns: `text` in single quotes for /bin/sh.
inline std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Returns: whether `program` is found on PATH.
inline bool on_path(const std::string& program) {
  return run("command -v " + quoted(program)).status == 0;
}

}  // namespace mwtest05
