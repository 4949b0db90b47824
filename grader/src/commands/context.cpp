#include <unistd.h>

#include <cstdlib>

#include "commands/command.hpp"

#include <fmt/format.h>

#include "util/errors.hpp"

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

std::filesystem::path Context::existing_workspace(const std::filesystem::path& workspace) const {
  std::filesystem::path path = workspace_or_default(workspace);
  if (!std::filesystem::is_directory(path))
    throw UsageError(fmt::format("workspace '{}' is not a directory", path.string()));
  return path;
}

}  // namespace grader
