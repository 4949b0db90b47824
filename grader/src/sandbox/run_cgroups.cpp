#include "sandbox/run_cgroups.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr const char* kV2Root = "/sys/fs/cgroup";
// How long the destructor waits for a cgroup's last tasks to leave: hundreds of killed
// processes take seconds to go.
constexpr int kRemoveAttempts = 250;
constexpr auto kRemoveRetry = std::chrono::milliseconds(20);

// The directory under which the grader may create cgroups of `controller` ("pids",
// "cpu"), or "": cgroup v1's hierarchy of its own, else v2's root when it delegates it.
fs::path controller_root(const std::string& controller) {
  fs::path v1 = fs::path(kV2Root) / controller;
  if (fs::exists(v1 / "cgroup.procs")) return v1;
  std::istringstream enabled(read_file(fs::path(kV2Root) / "cgroup.subtree_control").value_or(""));
  for (std::string word; enabled >> word;) {
    if (word == controller) return kV2Root;
  }
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

// Returns: `controller`'s root, found once per grader with its stale cgroups removed.
fs::path root_of(const std::string& controller) {
  fs::path root = controller_root(controller);
  if (!root.empty()) remove_stale(root);
  return root;
}

bool write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

// Returns: a new cgroup directory under `root` named for this grader, or "".
fs::path make_cgroup(const fs::path& root) {
  static std::atomic<int> serial{0};
  if (root.empty()) return "";
  const fs::path dir = root / fmt::format("grader-{}-{}", getpid(), serial++);
  std::error_code ec;
  return fs::create_directory(dir, ec) ? dir : fs::path();
}

}  // namespace

RunCgroups::RunCgroups(std::size_t max_pids) {
  static const fs::path pids_root = root_of("pids");
  static const fs::path cpu_root = root_of("cpu");
  const fs::path pids = make_cgroup(pids_root);
  if (!pids.empty()) {
    caps_processes_ = write_text(pids / "pids.max", std::to_string(max_pids));
    std::error_code ec;
    if (caps_processes_)
      dirs_.push_back(pids);
    else
      fs::remove(pids, ec);
  }
  if (cpu_root.empty()) return;
  if (caps_processes_ && cpu_root == pids_root) {  // v2: one directory has both
    groups_cpu_ = true;
    return;
  }
  const fs::path cpu = make_cgroup(cpu_root);
  groups_cpu_ = !cpu.empty();
  if (groups_cpu_) dirs_.push_back(cpu);
}

RunCgroups::~RunCgroups() {
  // The last tasks may still be on their way out of the kernel. What is left after
  // kRemoveAttempts, a later grader removes.
  for (const fs::path& dir : dirs_) {
    for (int attempt = 0; attempt < kRemoveAttempts; ++attempt) {
      std::error_code ec;
      if (fs::remove(dir, ec) || !fs::exists(dir)) break;
      std::this_thread::sleep_for(kRemoveRetry);
    }
  }
}

std::vector<std::string> RunCgroups::wrap(std::vector<std::string> argv) const {
  if (dirs_.empty()) return argv;
  // $0 is how many cgroup.procs files follow; the program's argv comes after them.
  std::vector<std::string> wrapped = {
      "sh", "-c",
      R"(n=$0; while [ "$n" -gt 0 ]; do echo $$ >"$1" || exit 125; shift; n=$((n-1)); done; )"
      R"(exec "$@")",
      std::to_string(dirs_.size())};
  for (const fs::path& dir : dirs_) wrapped.push_back((dir / "cgroup.procs").string());
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

}  // namespace grader
