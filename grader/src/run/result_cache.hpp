// run/result_cache.hpp — verdicts of unchanged suites, kept between checks.
//
// A learner re-checking the whole course after editing one exercise should
// not wait for fourteen unchanged suites to run again. A verdict is reused only
// when the suite binary (which contains the learner's code), the manifest and
// the grader are all exactly as they were; `--no-cache` and `verify` never reuse.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"
#include "report/model.hpp"

namespace grader {

class ResultCache {
 public:
  explicit ResultCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  /// Returns: a key that changes whenever one of the suite `binaries` is relinked, the
  /// manifest is edited or the grader changes; empty when a binary cannot be read.
  static std::string key_for(const std::vector<std::filesystem::path>& binaries,
                             const Manifest& manifest);

  /// Returns: the verdict stored for exercise `id` under `key`, if any and readable.
  std::optional<ExerciseReport> find(const std::string& id, const std::string& key) const;

  /// Effects: stores `verdict` for `id` under `key`, atomically; failures are ignored
  /// (the cache is an optimisation, never a reason to fail a check).
  void store(const std::string& id, const std::string& key, const ExerciseReport& verdict) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace grader
