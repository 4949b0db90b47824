#include "sandbox/policies.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

fs::path resolved(const fs::path& path) {
  return fs::weakly_canonical(fs::absolute(path));
}

// `policy` with the existing `paths` hidden, directories and files apart.
void hide(SandboxPolicy& policy, const std::vector<fs::path>& paths) {
  for (const fs::path& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) continue;  // nothing to hide
    (fs::is_directory(status) ? policy.hidden : policy.hidden_files).push_back(resolved(path));
  }
}

// Both steps hide the solutions and the extra paths, and keep the graded tree and
// its build directory reachable even when a hidden directory holds them (grading
// the course's own solutions/). The project and the course stay readable even when
// they lie under /tmp, which the sandbox replaces with a private one (a clone there).
SandboxPolicy common_policy(const SandboxPaths& paths, const std::vector<fs::path>& course_hidden) {
  SandboxPolicy policy;
  policy.readable = {resolved(paths.project), resolved(paths.course), resolved(paths.workspace),
                     resolved(paths.build_dir)};
  std::vector<fs::path> hidden = course_hidden;
  hidden.insert(hidden.end(), paths.hidden.begin(), paths.hidden.end());
  hide(policy, hidden);
  return policy;
}

}  // namespace

SandboxPolicy build_policy(const SandboxPaths& paths) {
  SandboxPolicy policy = common_policy(paths, {paths.course / "solutions"});
  policy.writable = {resolved(paths.build_dir)};
  if (!paths.compiler_cache.empty()) policy.writable.push_back(resolved(paths.compiler_cache));
  return policy;
}

SandboxPolicy run_policy(const SandboxPaths& paths) {
  std::vector<fs::path> hidden = {paths.course / "solutions", paths.course / "grader" / "suites"};
  if (!paths.compiler_cache.empty()) hidden.push_back(paths.compiler_cache);
  return common_policy(paths, hidden);
}

}  // namespace grader
