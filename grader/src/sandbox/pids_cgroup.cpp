#include "sandbox/pids_cgroup.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// The directory under which the grader may create pids cgroups, or "".
fs::path pids_root() {
  fs::path v1 = "/sys/fs/cgroup/pids";
  if (fs::exists(v1 / "cgroup.procs")) return v1;
  fs::path v2 = "/sys/fs/cgroup";
  const std::string enabled = read_file(v2 / "cgroup.subtree_control").value_or("");
  if (enabled.find("pids") != std::string::npos) return v2;
  return "";
}

// Removes the cgroups that graders no longer running left behind (their last tasks
// were still exiting when the grader gave up waiting, or the grader was killed).
void remove_stale(const fs::path& root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("grader-", 0) != 0) continue;
    const pid_t owner = static_cast<pid_t>(std::strtol(name.c_str() + 7, nullptr, 10));
    if (owner > 0 && kill(owner, 0) != 0 && errno == ESRCH) fs::remove(entry.path(), ec);
  }
}

bool write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace

PidsCgroup::PidsCgroup(std::size_t max_pids) {
  static const fs::path root = [] {
    fs::path found = pids_root();
    if (!found.empty()) remove_stale(found);
    return found;
  }();
  static std::atomic<int> serial{0};
  if (root.empty()) return;
  const fs::path dir = root / fmt::format("grader-{}-{}", getpid(), serial++);
  std::error_code ec;
  if (!fs::create_directory(dir, ec)) return;
  if (!write_text(dir / "pids.max", std::to_string(max_pids))) {
    fs::remove(dir, ec);
    return;
  }
  dir_ = dir;
}

PidsCgroup::~PidsCgroup() {
  if (dir_.empty()) return;
  // The last tasks may still be on their way out of the kernel: hundreds of killed
  // processes take seconds. What is left after that, a later grader removes.
  for (int attempt = 0; attempt < 250; ++attempt) {
    std::error_code ec;
    if (fs::remove(dir_, ec) || !fs::exists(dir_)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::vector<std::string> PidsCgroup::wrap(std::vector<std::string> argv) const {
  if (dir_.empty()) return argv;
  std::vector<std::string> wrapped = {"sh", "-c", R"(echo $$ >"$0" || exit 125; exec "$@")",
                                      (dir_ / "cgroup.procs").string()};
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

}  // namespace grader
