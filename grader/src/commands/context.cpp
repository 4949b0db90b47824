#include <unistd.h>

#include <cstdlib>

#include "commands/command.hpp"

namespace grader {

bool Context::use_color(int fd) const {
  if (color == ColorMode::never) return false;
  if (color == ColorMode::always) return true;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(fd) != 0;
}

std::filesystem::path Context::workspace_or_default(const std::filesystem::path& workspace) const {
  return workspace.empty() ? course.root() / "exercises" : workspace;
}

}  // namespace grader
