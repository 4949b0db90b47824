// commands/grading.hpp — grading a workspace: build, run and score each exercise.
//
// Shared by `check` (one workspace) and `verify` (the stubs and the solutions).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"
#include "report/model.hpp"

namespace grader {

struct GradeRequest {
  std::filesystem::path project;    ///< the grader's sources (cmake/tree)
  std::filesystem::path course;     ///< exercises/*/exercise.json, grader/suites
  std::filesystem::path workspace;  ///< the graded tree
  std::filesystem::path build_dir;  ///< empty: default_build_dir(course, workspace)
  std::vector<std::string> ids;     ///< empty: every exercise
  bool use_cache = false;           ///< reuse the verdict of a suite that did not change
  /// Run every build and suite of the workspace inside bubblewrap (see sandbox/): no
  /// network, only the build and scratch directories writable, `sandbox_hidden` invisible.
  bool sandbox = false;
  /// Paths a sandboxed build or run must not see (solutions/, other students' files).
  std::vector<std::filesystem::path> sandbox_hidden;
  /// Compile jobs for this tree's build (ninja -j); 0: ninja's default. Batch grading sets
  /// it to 1 so that --jobs N grades N submissions on N cores.
  int build_jobs = 0;
  /// Called before each step with a short line ("building 02-tracking-allocator (2/15)").
  std::function<void(const std::string&)> progress = [](const std::string&) {};
};

/// Thrown for a request that cannot be graded at all (an unknown exercise id,
/// a workspace that does not exist). what() is one line.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Effects: grades every requested exercise of the workspace. A broken manifest,
/// a build error or a misbehaving suite costs that exercise only.
/// Returns: the report. Throws: UsageError.
Report grade(const GradeRequest& request);

/// Returns: the build directory grade() uses for `request`.
std::filesystem::path build_dir_for(const GradeRequest& request);

}  // namespace grader
