// release/export_tree.hpp — writing a student release of a course (`grader export`).
//
// A release is what a learner needs and nothing more: the lessons, the stubs as
// shipped, the grader's sources (so scripts/grade builds its own grader), its scripts
// and docs. It never holds solutions/, the author mutants (grader/mutants/: each is a
// solution with one bug), build output, version control or the instructor's progress
// files; with `withhold_hidden` it holds no grader/suites/ either, and its
// grader then grades the visible tests (see course/course.hpp).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "course/course.hpp"

namespace grader {

struct ReleaseRequest {
  std::filesystem::path out;     ///< where the release goes: absent or an empty directory
  bool withhold_hidden = false;  ///< leave grader/suites/ out
};

struct ReleaseSummary {
  std::size_t files = 0;
  std::vector<std::string>
      left_out;  ///< top-level parts of the course not shipped, e.g. "solutions/"
};

/// Effects: copies the shipped parts of `course` into a fresh directory beside
/// `request.out`, then renames it to `request.out`, so the release appears whole or not
/// at all; a failed export removes what it wrote.
/// Returns: what was written and left out.
/// Throws: UsageError (one line) when `out` exists and is not an empty directory, or
/// when it lies inside the course;
/// std::filesystem::filesystem_error when copying fails.
ReleaseSummary export_release(const Course& course, const ReleaseRequest& request);

}  // namespace grader
