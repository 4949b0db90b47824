#include "sandbox/bwrap_argv.hpp"

#include <algorithm>
#include <iterator>

#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// The private /tmp is memory: a program filling it must not fill the machine's.
// Compilers keep their temporary files there (a few MB per translation unit).
constexpr std::size_t kTmpBytes = 512u << 20;

bool contains(const std::vector<fs::path>& paths, const fs::path& path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

// One mount of the policy: bwrap's option and its two paths.
struct Mount {
  fs::path target;
  std::vector<std::string> words;
};

std::size_t depth(const fs::path& path) {
  return static_cast<std::size_t>(std::distance(path.begin(), path.end()));
}

}  // namespace

std::vector<std::string> bwrap_argv(const std::string& bwrap, const SandboxPolicy& policy,
                                    const fs::path& cwd, const std::vector<std::string>& argv) {
  std::vector<fs::path> writable;
  std::vector<fs::path> readable;
  std::vector<fs::path> hidden;
  writable.reserve(policy.writable.size());
  readable.reserve(policy.readable.size());
  for (const fs::path& p : policy.writable) writable.push_back(p.lexically_normal());
  for (const fs::path& p : policy.readable) readable.push_back(p.lexically_normal());
  for (const fs::path& p : policy.hidden) {
    const fs::path dir = p.lexically_normal();
    if (!contains(writable, dir) && !contains(readable, dir)) hidden.push_back(dir);
  }

  // A mount covers what an earlier one put at or below its target: outermost first,
  // and at one depth the hiding ones first, so what must stay reachable wins.
  std::vector<Mount> mounts;
  mounts.reserve(hidden.size() + policy.hidden_files.size() + readable.size() + writable.size());
  for (const fs::path& dir : hidden) mounts.push_back({dir, {"--tmpfs", dir.string()}});
  for (const fs::path& p : policy.hidden_files) {
    const fs::path file = p.lexically_normal();
    if (!contains(writable, file) && !contains(readable, file))
      mounts.push_back({file, {"--ro-bind", "/dev/null", file.string()}});
  }
  for (const fs::path& path : readable) {
    // Inside a writable directory it stays writable: binding it read-only would cover that.
    if (std::any_of(writable.begin(), writable.end(),
                    [&](const fs::path& w) { return lexically_within(path, w); }))
      continue;
    // Read-only already, unless a hidden directory or the private /tmp holds it.
    if (lexically_within(path, "/tmp") ||
        std::any_of(hidden.begin(), hidden.end(),
                    [&](const fs::path& h) { return lexically_within(path, h); }))
      mounts.push_back({path, {"--ro-bind", path.string(), path.string()}});
  }
  for (const fs::path& path : writable)
    mounts.push_back({path, {"--bind", path.string(), path.string()}});
  std::stable_sort(mounts.begin(), mounts.end(), [](const Mount& a, const Mount& b) {
    return depth(a.target) < depth(b.target);
  });

  std::vector<std::string> out = {bwrap};
  auto add = [&out](std::initializer_list<std::string> words) {
    out.insert(out.end(), words.begin(), words.end());
  };
  add({"--unshare-all"});   // network, PID, IPC, UTS and cgroup namespaces (user: "try")
  add({"--unshare-user"});  // always: without it, root inside the sandbox is root outside
  add({"--uid", "65534", "--gid", "65534"});
  add({"--cap-drop", "ALL"});  // bwrap run as root keeps every capability otherwise
  add({"--die-with-parent"});  // killing bwrap kills the sandbox's PID 1, hence all of it
  add({"--new-session"});      // no TIOCSTI into the grader's terminal
  add({"--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"});
  add({"--size", std::to_string(kTmpBytes), "--tmpfs", "/tmp"});
  for (const Mount& m : mounts) out.insert(out.end(), m.words.begin(), m.words.end());
  // Read-only last: the mount points of what is bound inside them had to be created first.
  for (const fs::path& dir : hidden) out.insert(out.end(), {"--remount-ro", dir.string()});
  out.insert(out.end(), {"--chdir", cwd.empty() ? std::string("/") : cwd.string(), "--"});
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

}  // namespace grader
