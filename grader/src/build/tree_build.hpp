// build/tree_build.hpp — building one graded tree's suites with CMake.
//
// Each graded tree (exercises/, solutions/, a submission) has a build
// directory of its own, configured once from cmake/tree; after that each
// exercise is built as its own target, so one exercise's compile error never
// stops another from building.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "build/compiler_cache.hpp"
#include "manifest/manifest.hpp"
#include "model/report.hpp"
#include "process/process.hpp"
#include "sandbox/bwrap_argv.hpp"

namespace grader {

struct TreeBuildPaths {
  std::filesystem::path project;    ///< holds cmake/tree (the grader's own sources)
  std::filesystem::path course;     ///< holds exercises/*/exercise.json and grader/suites
  std::filesystem::path tree;       ///< the graded tree
  std::filesystem::path build_dir;  ///< where this tree is built
};

/// The compiler and standard library graded trees are built with.
struct TreeToolchain {
  std::string name;                      ///< "gcc" (the system's default) or "clang"
  std::string compiler;                  ///< the C++ compiler it runs; "" for CMake's default
  std::vector<std::string> cmake_args;   ///< added to a tree's configure step
  std::string build_dir_suffix;          ///< each toolchain builds a tree in its own directory
  std::string sanitizer_options;         ///< added to each sanitizer's options in a suite's run
  std::string thread_sanitizer_options;  ///< added to ThreadSanitizer's options only
};

/// The environment variable that chooses the toolchain: unset, empty or "gcc" for the
/// system's default compiler (g++ with libstdc++ on Debian), "clang" for clang++-16 with
/// libc++, the standard library of the macOS-family toolchains.
inline constexpr const char* kToolchainVariable = "MW_TREE_TOOLCHAIN";

/// Returns: the toolchain called `name` ("" or "gcc", "clang").
/// Throws: UsageError when there is none of that name.
TreeToolchain tree_toolchain_named(std::string_view name);

/// Returns: the toolchain kToolchainVariable names (read once, on the first call).
/// Throws: UsageError when it names no toolchain.
const TreeToolchain& tree_toolchain();

/// Effects: checks that the compiler of `toolchain` is installed.
/// Throws: SetupError, one line saying how to install it, when it is not.
void require_installed(const TreeToolchain& toolchain);

/// Returns: the default build directory for `tree`: <course>/build/trees/exercises for the
/// course's exercises/, .../solutions for its solutions/, else <basename>-<hash of path>;
/// each followed by tree_toolchain()'s build_dir_suffix (e.g. exercises-clang).
std::filesystem::path default_build_dir(const std::filesystem::path& course,
                                        const std::filesystem::path& tree);

class TreeBuild {
 public:
  /// `progress` hears how far a build is, e.g. "[12/40] building suite-02-...".
  explicit TreeBuild(TreeBuildPaths paths, std::function<void(const std::string&)> progress = {})
      : paths_(std::move(paths)), progress_(std::move(progress)) {}

  /// Effects: configures the build directory when it has never been configured, or was
  /// configured with another compiler launcher than use_compiler_cache() asks for (later
  /// changes are picked up by the build itself). Returns: how it went.
  BuildReport configure();

  /// Effects: builds the CMake targets `targets` in one build, within `timeout_seconds`.
  /// Returns: how it went; ok only when every one of them built, else the compiler's
  /// diagnostics (valid UTF-8, truncated).
  BuildReport build_targets(const std::vector<std::string>& targets, double timeout_seconds);

  /// Effects: runs one tool of the build on the tree (the compiler's `-E`, `nm`) in `cwd`,
  /// under the limits of a build step and inside the sandbox when the build is confined.
  /// Returns: how it ended and what it printed (at most `output_bytes`).
  ProcessResult run_tool(std::vector<std::string> argv, const std::filesystem::path& cwd,
                         double timeout_seconds, std::size_t output_bytes) const;

  /// Returns: the path of the suite executable built by target `target`.
  std::filesystem::path suite_binary(const std::string& target) const;

  /// Returns: the compiler the configured tree builds with, "<CMAKE_CXX_COMPILER_ID>
  /// <version>" (e.g. "GNU 12.2.0"); "unknown" before the tree was configured.
  std::string compiler_identity() const;

  /// Effects: runs every later configure and build step inside the sandbox under `policy`.
  void confine(SandboxPolicy policy) { sandbox_ = std::move(policy); }

  /// Effects: compiles every later configure and build step through `cache` (ccache as the
  /// compiler launcher, with its environment); without a call, no launcher.
  void use_compiler_cache(CompilerCache cache) { cache_ = std::move(cache); }

  /// Effects: limits later builds to `jobs` parallel compile jobs (ninja -j); 0: ninja's own.
  void set_jobs(int jobs) { jobs_ = jobs; }

  const TreeBuildPaths& paths() const { return paths_; }

 private:
  BuildReport run_step(std::vector<std::string> argv, double timeout_seconds) const;

  TreeBuildPaths paths_;
  std::function<void(const std::string&)> progress_;
  std::optional<SandboxPolicy> sandbox_;
  std::optional<CompilerCache> cache_;
  int jobs_ = 0;
};

}  // namespace grader
