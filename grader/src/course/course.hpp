// course/course.hpp — the course being graded against, loaded once.
//
// `main` loads it before any command runs and passes it down, so every question about
// the course (which exercises, which tests grade them, what they are worth, whether the
// hidden suites or the solutions are here) has one answer for the whole run.
//
// What a course ships decides its kind: an instructor's checkout has solutions/ and
// grader/suites/; a student release (`grader export`) has no solutions/, and no
// grader/suites/ either when exported with --withhold-hidden, in which case each
// exercise's visible tests (exercises/<id>/tests) grade it in the hidden suite's place.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"
#include "model/report.hpp"

namespace grader {

enum class CourseKind {
  full,                    ///< solutions/ and grader/suites/
  release,                 ///< grader/suites/ but no solutions/
  release_without_hidden,  ///< neither: the visible tests grade each exercise
};

/// One exercise of a course: its manifest, or the reason it could not be loaded.
struct CourseEntry {
  std::string id;  ///< the directory name, known even when the manifest is broken
  std::filesystem::path manifest_path;
  std::optional<Manifest> manifest;
  std::string error;                        ///< set when manifest is empty
  std::vector<std::string> declared_tests;  ///< the tests that grade it, in source order
};

/// Returns: the entry of `entries` named `name`, in full ("02-tracking-allocator") or by its
/// number ("02", or "2" without its leading zero); nullptr when there is none.
const CourseEntry* find_entry(const std::vector<CourseEntry>& entries, const std::string& name);

/// The one line telling a learner that only the visible tests were graded.
extern const char* const kVisibleOnlyNotice;

/// Invariant: entries() is sorted by id, and holds every exercises/*/exercise.json of root().
class Course {
 public:
  /// Effects: loads every `<root>/exercises/*/exercise.json` and the tests that grade each
  /// one. A broken manifest becomes an entry with its error; it never stops the others.
  /// Returns: the course. Throws: UsageError when `root` has no exercises/ directory.
  static Course load(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }
  CourseKind kind() const { return kind_; }
  const std::vector<CourseEntry>& entries() const { return entries_; }
  bool has_hidden_suites() const { return kind_ != CourseKind::release_without_hidden; }

  /// Returns: find_entry(entries(), name).
  const CourseEntry* find(const std::string& name) const { return find_entry(entries_, name); }

  /// Returns: the manifest of the exercise named `name`.
  /// Throws: UsageError when there is no such exercise or its manifest is broken.
  const Manifest& require(const std::string& name) const;

  /// Returns: the entries named in `ids`, in that order; every entry when `ids` is empty.
  /// Throws: UsageError naming the first id that names no exercise.
  std::vector<CourseEntry> select(const std::vector<std::string>& ids) const;

  /// Requires: `command` names the grader command asking, e.g. "verify".
  /// Throws: UsageError (one line) when the course has no solutions/, as in a release.
  void require_solutions(const std::string& command) const;

  /// Returns: the directory whose TEST/TEST_F lines declare the tests that grade exercise
  /// `id`: grader/suites/<id>, or exercises/<id>/tests without hidden suites.
  std::filesystem::path graded_tests_dir(const std::string& id) const;

  /// Returns: the builds whose tests grade `manifest`: its hidden suite's variants, or,
  /// without hidden suites, the visible tests built with the main variant's sanitizers.
  std::vector<SuiteVariant> graded_variants(const Manifest& manifest) const;

  /// Returns: the keys of `entry`'s points.tests that name no declared test, in name order
  /// (a typo there would silently score the default).
  static std::vector<std::string> undeclared_point_keys(const CourseEntry& entry);

  /// Returns: the points `entry`'s declared tests are worth in all; 0 for a broken manifest.
  int max_score(const CourseEntry& entry) const;

  /// Returns: kVisibleOnlyNotice and a newline without hidden suites, else "": the one
  /// line a text summary ends with.
  std::string visible_only_line() const;

  /// Effects: without hidden suites, puts kVisibleOnlyNotice first in the message of
  /// every exercise of `report`; otherwise nothing.
  void note_visible_only(Report& report) const;

 private:
  Course(std::filesystem::path root, CourseKind kind, bool has_solutions)
      : root_(std::move(root)), kind_(kind), has_solutions_(has_solutions) {}

  std::filesystem::path root_;
  CourseKind kind_;
  bool has_solutions_;  ///< solutions/ is here (also in a course that has no hidden suites)
  std::vector<CourseEntry> entries_;
};

}  // namespace grader
