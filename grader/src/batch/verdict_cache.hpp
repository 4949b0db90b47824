// batch/verdict_cache.hpp — verdicts shared across the students of a batch (OUT/cache).
//
// Most students leave some exercises as shipped, and many hand in the same code for
// others; such an exercise is graded once per batch (and per later batch), not once
// per student. A verdict is keyed by a SHA-256 of everything its build and run read:
// the learner files of the exercise and of those it depends on, the course's files of
// those exercises (manifest, stubs, given files, visible tests), their hidden suites,
// the shared course headers and test helpers, the tree build's CMake files, the
// compiler's version and the grader's. Only the batch process writes it, outside any
// sandbox.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"
#include "report/model.hpp"

namespace grader {

/// Returns: what `$CXX --version` (or `c++ --version`) prints, the compiler the tree
/// build uses; "unknown" when it cannot be run.
std::string compiler_version();

/// Returns: the SHA-256 of what every exercise's grade depends on: the grader's
/// version, `compiler`, <project>/cmake, <course>/common and <course>/grader/testing.
/// Throws: std::runtime_error when a file cannot be read.
std::string course_digest(const std::filesystem::path& project, const std::filesystem::path& course,
                          const std::string& compiler);

/// Returns: the SHA-256 of `digest` and the course's own files of each of `course`'s
/// exercises (exercises/<id> and grader/suites/<id>): it changes when any of them does.
/// Throws: std::runtime_error when a file cannot be read.
std::string course_key(const std::string& digest, const std::filesystem::path& course_root,
                       const std::vector<CourseEntry>& course);

class VerdictCache {
 public:
  /// `dir`: where verdicts are kept; `digest`: course_digest() of this batch.
  VerdictCache(std::filesystem::path dir, std::string digest)
      : dir_(std::move(dir)), digest_(std::move(digest)) {}

  /// Returns: the key of exercise `manifest` graded on `workspace` (a tree holding
  /// <id>/<file>), or "" when it depends on an exercise `course` does not have.
  /// Throws: std::runtime_error when a file cannot be read.
  std::string key(const Manifest& manifest, const std::vector<CourseEntry>& course,
                  const std::filesystem::path& course_root,
                  const std::filesystem::path& workspace) const;

  /// Returns: the verdict stored under `key` for exercise `id`, if any and readable.
  std::optional<ExerciseReport> find(const std::string& id, const std::string& key) const;

  /// Effects: stores `verdict` under `key`, atomically; a failure only costs the reuse.
  void store(const std::string& key, const ExerciseReport& verdict) const;

 private:
  std::filesystem::path file_for(const std::string& id, const std::string& key) const;

  std::filesystem::path dir_;
  std::string digest_;
};

}  // namespace grader
