// report/exercism_report.hpp — the report as an Exercism test runner's results.json
// (interface version 3).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/report.hpp"

namespace grader {

/// Returns: an Exercism results.json, version 3. status: "pass" when every test
/// passed, "error" with a top-level message (the build diagnostics or the reasons,
/// at most 65535 bytes) when no test could run at all or an exercise was refused,
/// "fail" otherwise. tests[] in
/// course order, then suite source order (skipped tests are left out: the interface
/// has no status for them): name "<exercise id>: <Suite.Test>"; status "pass", "fail"
/// (failed, sanitizer) or "error" (crashed, timeout, not run: it returned nothing);
/// message = what the grader says about it; output = what the test printed, at most
/// 500 characters (the interface's limit), when it printed something. An exercise
/// graded on no test gets one "error" entry named after it; every test of a refused
/// exercise is an "error" whose message is the reason it was refused.
nlohmann::json exercism_json(const Report& report);

}  // namespace grader
