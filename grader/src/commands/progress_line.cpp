#include "commands/progress_line.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace grader {

std::function<void(const std::string&)> progress_printer() {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  return [terminal](const std::string& line) {
    if (terminal) {
      fmt::print(stderr, "\r\033[K{}", line);
    } else {
      fmt::print(stderr, "{}\n", line);
    }
    std::fflush(stderr);
  };
}

void clear_progress() {
  if (isatty(STDERR_FILENO) != 0) fmt::print(stderr, "\r\033[K");
}

}  // namespace grader
