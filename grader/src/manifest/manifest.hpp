// manifest/manifest.hpp — an exercise's exercise.json, parsed and checked.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "manifest/tamper.hpp"
#include "model/scoring.hpp"

namespace grader {

/// Thrown for a manifest that cannot be used. what() is one line naming the
/// file and the field, e.g. "exercises/02-x/exercise.json: field 'points.default': expected a
/// number".
class ManifestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One exercise, as its manifest describes it.
/// Invariants (checked by load_manifest): id equals the directory name; files is
/// not empty and holds relative paths without ".."; hints may be empty; every
/// limit is positive.
struct Manifest {
  std::filesystem::path path;  ///< the exercise.json it came from
  std::string id;
  std::string title;
  std::string day;     ///< "1-2", "3-4" or "5-7"
  std::string lesson;  ///< lesson path and anchor, relative to the course root
  /// Further lesson sections the exercise builds on, in reading order, as `lesson` is written:
  /// with `lesson`, every lesson link of the exercise's README (unit.readme_lessons checks).
  std::vector<std::string> also_read;
  std::vector<std::string> files;  ///< what the learner edits, taken from the graded tree
  std::vector<std::string> given;  ///< what the exercise gives to read, always the course's own
  std::vector<std::string> depends;
  /// Build variants, each "address+undefined", "thread" or "none"; never empty. The first is
  /// the main build (suite-<id>); each other one builds suite-<id>--<variant> too, and a test
  /// passes only when it passes in every variant.
  std::vector<std::string> sanitizers = {"address+undefined"};
  TestPoints points;  ///< points.tests: every key must name a declared test (`verify` checks)
  double test_seconds = 10;
  double suite_seconds = 120;
  double build_seconds = 600;          ///< one build of the suite, cold, on a busy 2-core machine
  std::string visibility = "visible";  ///< hidden, after_due_date, after_published, visible
  std::vector<std::string>
      hints;           ///< from grader/hints/<id>.md (manifest/hints.hpp), set by Course::load
  TamperRules tamper;  ///< "tamper": what the tamper guard forbids or allows beyond its own rules
};

/// Effects: reads and validates the manifest at `path`.
/// Returns: the manifest. Throws: ManifestError with a one-line reason.
Manifest load_manifest(const std::filesystem::path& path);

/// One build of an exercise's hidden suite: a build variant and its CMake target.
struct SuiteVariant {
  std::string sanitize;  ///< "address+undefined", "thread" or "none"
  std::string target;    ///< suite-<id> for the main variant, suite-<id>--<sanitize> for others
};

/// Returns: every build of `manifest`'s suite, the main one first (see cmake/Workbook.cmake).
std::vector<SuiteVariant> suite_variants(const Manifest& manifest);

}  // namespace grader
