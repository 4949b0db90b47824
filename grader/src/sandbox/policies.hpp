// sandbox/policies.hpp — what a sandboxed build and a sandboxed suite run may touch.
//
// The build runs project CMake code, the compiler and the linker on the learner's
// files: it may write its build directory only, and must not see the solutions (an
// #include of a solution file fails). The suite run may write its scratch directory
// only (added by the suite runner, which makes it), and must see neither the
// solutions nor the hidden suite sources. A shared compiler cache is written by builds
// only: a suite run, which runs learner code, must neither write nor see it (it could
// plant an object or a ccache.conf that forges the next student's verdict).
#pragma once

#include <filesystem>
#include <vector>

#include "sandbox/bwrap_argv.hpp"

namespace grader {

/// The paths of one graded tree that the policies are made of.
struct SandboxPaths {
  std::filesystem::path project;    ///< the grader's sources (cmake/tree), read by the build
  std::filesystem::path course;     ///< holds solutions/ and grader/suites/
  std::filesystem::path workspace;  ///< the graded tree
  std::filesystem::path build_dir;  ///< its build directory
  /// Further paths no step may see (other students' submissions); missing ones are skipped.
  std::vector<std::filesystem::path> hidden;
  /// The compiler cache the builds share; empty: none. Writable by builds, hidden from runs.
  std::filesystem::path compiler_cache;
};

/// Returns: the policy of the tree's configure and build steps.
/// Requires: build_dir and compiler_cache, when set, exist (as every path of a policy must).
SandboxPolicy build_policy(const SandboxPaths& paths);

/// Returns: the policy of a suite run, before the runner adds its scratch directory: the
/// compiler cache hidden with the solutions and the hidden suites.
SandboxPolicy run_policy(const SandboxPaths& paths);

}  // namespace grader
