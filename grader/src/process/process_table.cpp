#include "process/process_table.hpp"

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "util/file.hpp"

namespace grader {

pid_t parent_in_stat(std::string_view stat) {
  // After the last ')': a space, the one-letter state, a space, then the parent pid.
  constexpr std::size_t kParentOffset = 4;
  const std::size_t close = stat.rfind(')');
  if (close == std::string_view::npos || close + kParentOffset >= stat.size()) return -1;
  const std::string rest(stat.substr(close + kParentOffset));
  char* end = nullptr;
  const long parent = std::strtol(rest.c_str(), &end, 10);
  return end == rest.c_str() ? -1 : static_cast<pid_t>(parent);
}

ProcessParents read_process_parents() {
  ProcessParents parents;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::optional<std::string> stat = read_file(entry.path() / "stat");
    if (!stat) continue;  // it exited meanwhile
    const pid_t parent = parent_in_stat(*stat);
    if (parent >= 0) parents[static_cast<pid_t>(std::stol(name))] = parent;
  }
  return parents;
}

std::vector<pid_t> children_of(const ProcessParents& parents, pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& [pid, ppid] : parents) {
    if (ppid == parent) children.push_back(pid);
  }
  return children;
}

std::vector<pid_t> descendants_of(const ProcessParents& parents, pid_t ancestor) {
  std::vector<pid_t> found = children_of(parents, ancestor);
  // A snapshot read while pids are reused may hold a cycle: each pid is taken once.
  std::set<pid_t> seen(found.begin(), found.end());
  seen.insert(ancestor);
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (const pid_t child : children_of(parents, found[i])) {
      if (seen.insert(child).second) found.push_back(child);
    }
  }
  return found;
}

}  // namespace grader
