// batch/source_key.hpp — batch's key policy for the verdict store (OUT/cache).
//
// Most students leave some exercises as shipped, and many hand in the same code for
// others; such an exercise is graded once per batch (and per later batch), not once
// per student. So a verdict is keyed, before anything is built, by a SHA-256 of
// everything its build and run read:
// the learner files of the exercise and of those it depends on, the course's files of
// those exercises (manifest, stubs, given files, visible tests), their hidden suites,
// the shared course headers and test helpers, the tree build's CMake files, the
// compiler's version and the grader's. Only the batch process writes the store, outside
// any sandbox (grading/verdict_store.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "course/course.hpp"

namespace grader {

/// Returns: the name of tree_toolchain() and what its compiler's `--version` prints (for
/// the default toolchain `$CXX --version`, or `c++ --version`), the compiler the tree build
/// uses; "unknown" for the output when it cannot be run.
std::string compiler_version();

/// Returns: the SHA-256 of what every exercise's grade depends on: the grader's
/// version, `compiler`, <project>/cmake, <course>/common and <course>/grader/testing.
/// Throws: std::runtime_error when a file cannot be read.
std::string course_digest(const std::filesystem::path& project, const std::filesystem::path& course,
                          const std::string& compiler);

/// Returns: the SHA-256 of `digest` and the course's own files of each of `exercises`
/// (exercises/<id> and grader/suites/<id>): it changes when any of them does.
/// Throws: std::runtime_error when a file cannot be read.
std::string course_key(const std::string& digest, const Course& course,
                       const std::vector<CourseEntry>& exercises);

/// Returns: the key of exercise `manifest` graded on `workspace` (a tree holding
/// <id>/<file>) in a batch whose course_digest() is `digest`, or "" when it depends on an
/// exercise `course` does not have. Throws: std::runtime_error when a file cannot be read.
std::string source_key(const std::string& digest, const Manifest& manifest, const Course& course,
                       const std::filesystem::path& workspace);

}  // namespace grader
