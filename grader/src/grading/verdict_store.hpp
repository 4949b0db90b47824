// grading/verdict_store.hpp — verdicts kept between gradings, so unchanged code is not
// graded again.
//
// One store, three users, each with its own key policy:
// - `check` and `watch` (built_suite_key): a learner re-checking the course after
//   editing one exercise should not wait for fourteen unchanged suites. The key names
//   the suite binaries (which contain the learner's code) by identity, the manifest,
//   the tree's compiler and the grader; one verdict per exercise is kept.
// - `batch` (batch/source_key.hpp): students who leave an exercise as shipped, or hand in
//   the same code, are graded once per class. The key is a SHA-256 of every source the
//   grade depends on, known before anything is built; every verdict is kept.
// - `verify`'s author mutants (mutants/mutant_runner.hpp): batch's key, so that verifying
//   again grades only the mutants whose sources changed; every verdict is kept.
//
// Invariants: an entry is one file, <dir>/<id>/<sha256 of grader digest and key>.json
// holding the key, the grader binary's SHA-256 and the verdict, written atomically, so a reader
// (another batch shard, another grader) sees a whole entry or none; find() believes an entry only
// when its stored key equals the one asked for and its grader digest this grader's: a new grader
// binary (new tamper guard rules) never replays an older one's verdicts. `--no-cache` and
// `verify`'s stub/solution proof never read it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"
#include "model/report.hpp"

namespace grader {

class VerdictStore {
 public:
  /// How many verdicts of one exercise are kept.
  enum class Keep {
    latest,  ///< one: the tree has one state at a time (a learner's, a submission's)
    every,   ///< all: each student's code is another key
  };

  VerdictStore(std::filesystem::path dir, Keep keep) : dir_(std::move(dir)), keep_(keep) {}

  /// Returns: the verdict stored for exercise `id` under `key`, if any and readable; nullopt
  /// for an empty key.
  std::optional<ExerciseReport> find(const std::string& id, const std::string& key) const;

  /// Effects: stores `verdict` for exercise `id` under `key` atomically (with Keep::latest,
  /// dropping the exercise's other verdicts); nothing for an empty key.
  /// Returns: whether it was stored. A failure (a read-only directory, a full disk) is for the
  /// caller to ignore: the store is an optimisation, never a reason to fail a grading.
  bool store(const std::string& id, const std::string& key, const ExerciseReport& verdict) const;

 private:
  std::filesystem::path file_for(const std::string& id, const std::string& key) const;

  std::filesystem::path dir_;
  Keep keep_;
};

/// What the key of a built suite's verdict is made of, besides the grader's version.
struct BuiltSuite {
  std::vector<std::filesystem::path> binaries;  ///< every build variant's suite executable
  std::filesystem::path manifest;               ///< the exercise's exercise.json
  std::string compiler;                         ///< TreeBuild::compiler_identity()
  bool sandboxed = false;  ///< graded in the sandbox (outside it a submission can read more)
};

/// Returns: a key that changes whenever a binary is relinked, the manifest is edited, the
/// compiler or the grader's version changes, or the sandbox is switched (the store adds
/// the grader binary's digest to every key: the tamper guard's rules are in it); empty when a
/// binary or the manifest cannot be read (nothing is then stored or found).
std::string built_suite_key(const BuiltSuite& suite);

}  // namespace grader
