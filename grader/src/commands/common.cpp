#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/grading.hpp"

namespace grader {

bool GlobalOptions::use_color(int fd) const {
  if (color == ColorMode::never) return false;
  if (color == ColorMode::always) return true;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(fd) != 0;
}

Manifest require_exercise(const GlobalOptions& global, const std::string& name) {
  const std::vector<CourseEntry> course = load_course(global.course);
  const CourseEntry* entry = find_entry(course, name);
  if (entry == nullptr)
    throw UsageError(fmt::format("no exercise named '{}' (see `grader list`)", name));
  if (!entry->manifest) throw UsageError(entry->error);
  return *entry->manifest;
}

std::filesystem::path workspace_or_default(const GlobalOptions& global,
                                           const std::filesystem::path& workspace) {
  return workspace.empty() ? global.course / "exercises" : workspace;
}

}  // namespace grader
