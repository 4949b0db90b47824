// grading/grade.hpp — the grading engine: plan → build → run → score, for one tree.
//
// Every entry point that grades (check, watch, verify, batch) calls grade(). It keeps no
// global state: every build and run is a child process of its own and every temporary
// directory private, so batch grades several trees side by side in one process.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "build/compiler_cache.hpp"
#include "course/course.hpp"
#include "model/report.hpp"

namespace grader {

struct GradeRequest {
  std::filesystem::path project;    ///< the grader's sources (cmake/tree)
  std::filesystem::path workspace;  ///< the graded tree
  std::filesystem::path build_dir;  ///< empty: default_build_dir(course, workspace)
  std::vector<std::string> ids;     ///< empty: every exercise
  bool use_cache = false;           ///< reuse the verdict of a suite that did not change
  /// Run every build and suite of the workspace inside bubblewrap (see sandbox/): no
  /// network, only the build and scratch directories writable, `sandbox_hidden` invisible.
  bool sandbox = false;
  /// Paths a sandboxed build or run must not see (solutions/, other students' files).
  std::vector<std::filesystem::path> sandbox_hidden;
  /// A compiler cache shared with other trees' builds (program and directory; the base
  /// directory is grade()'s to choose). Used only when the builds and the suite runs are
  /// confined by a working sandbox: the builds may write it, the runs cannot see it.
  /// Unconfined, a run could plant an object the next tree's build picks up.
  std::optional<CompilerCache> compiler_cache;
  /// Compile jobs for this tree's build (ninja -j); 0: ninja's default. Batch grading sets
  /// it to 1 so that --jobs N grades N submissions on N cores.
  int build_jobs = 0;
  /// Called before each step with a short line ("building 02-tracking-allocator (2/15)").
  std::function<void(const std::string&)> progress = [](const std::string&) {};
};

/// Effects: grades every requested exercise of the workspace against `course`. A broken
/// manifest, a build error or a misbehaving suite costs that exercise only.
/// Returns: the report. Throws: UsageError for an unknown id or a missing workspace.
Report grade(const Course& course, const GradeRequest& request);

/// Returns: the build directory grade() uses for `request`.
std::filesystem::path build_dir_for(const Course& course, const GradeRequest& request);

/// Returns: a report of `workspace` with nothing graded yet, made by this grader with the
/// tree compiler `compiler`.
Report report_header(const std::filesystem::path& workspace, std::string compiler);

/// Returns: `entry`'s report before it is graded: id, title, day, lesson, visibility; for
/// a broken manifest, status not_run and the reason.
ExerciseReport exercise_header(const CourseEntry& entry);

}  // namespace grader
