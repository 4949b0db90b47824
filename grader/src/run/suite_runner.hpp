// run/suite_runner.hpp — running one hidden suite and judging every test.
//
// The rules it keeps (the README's "What a verdict rests on"):
// - messages come only from files in a private directory the grader made;
// - the test list comes from the suite itself, and a test that never reported is not_run;
// - a test's status comes from its authenticated record (run/result_channel.hpp), and
//   anything else on that channel refuses the exercise;
// - one crashing, hanging, leaking or exiting test costs that test only: when the
//   whole-suite run is stopped by a test, that test is judged in a process of its own and the
//   rest run together again.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"
#include "model/report.hpp"
#include "sandbox/bwrap_argv.hpp"

namespace grader {

struct SuiteResult {
  bool listed = false;  ///< false: the suite could not even list its tests; see error
  std::string error;
  /// Non-empty: the code under test tampered with the harness or its result channel (one
  /// line saying how); every test is then not_run, and the exercise is refused.
  std::string refusal;
  std::vector<TestReport> tests;  ///< in the suite's order, scores not yet given
};

/// Effects: lists and runs the suite executable `binary`, built with the sanitizer
/// variant `sanitize`, under the manifest's limits, inside the sandbox under `sandbox` (to
/// which the runner adds its scratch directory as writable) when it is set. When `wanted`
/// is set, only the listed tests it names run (a further build variant runs only the tests
/// the earlier ones passed: the others have lost their points already).
/// Returns: one TestReport per listed test that ran.
SuiteResult run_suite(const std::filesystem::path& binary, const Manifest& manifest,
                      const std::string& sanitize,
                      const std::optional<SandboxPolicy>& sandbox = std::nullopt,
                      const std::optional<std::set<std::string>>& wanted = std::nullopt);

}  // namespace grader
