// sandbox/bwrap_argv.hpp — the bubblewrap command line that confines one program.
//
// Pure: it only builds an argv, so the policy can be unit-tested without bwrap.
// The confinement: every namespace unshared (no network, a new PID namespace whose
// processes all die with its first one), the host file system read-only, a private
// /tmp, only `writable` writable, `hidden` directories replaced by empty read-only
// ones, no capabilities (bwrap run as root keeps them otherwise), a new session
// (no TIOCSTI into the grader's terminal) and --die-with-parent, so that killing
// bwrap — which run_process does to its whole group at the deadline — takes the
// whole sandbox with it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace grader {

struct SandboxPolicy {
  /// Bound read-write at the same path; everything else is read-only.
  std::vector<std::filesystem::path> writable;
  /// Directories replaced by an empty, read-only directory.
  std::vector<std::filesystem::path> hidden;
  /// Files replaced by an empty, read-only file.
  std::vector<std::filesystem::path> hidden_files;
  /// Bound read-only again when a hidden directory or /tmp holds them (the graded tree
  /// when it is the course's solutions/ or lies in the host's /tmp).
  std::vector<std::filesystem::path> readable;
};

/// Returns: the argv that runs `argv` in `cwd` (empty: the sandbox's /) under `policy`
/// with bubblewrap program `bwrap`. Paths must be absolute.
/// A path both hidden and writable (or readable) stays writable (or readable); a hidden
/// directory inside a writable one stays hidden: mounts are made outermost first.
/// Requires: every path exists and is absolute; `hidden` are directories, `hidden_files` not.
std::vector<std::string> bwrap_argv(const std::string& bwrap, const SandboxPolicy& policy,
                                    const std::filesystem::path& cwd,
                                    const std::vector<std::string>& argv);

}  // namespace grader
