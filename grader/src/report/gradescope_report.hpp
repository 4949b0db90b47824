// report/gradescope_report.hpp — the report as Gradescope's autograder results.json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/report.hpp"

namespace grader {

/// Returns: a Gradescope results.json: top-level score, max_score, execution_time,
/// output (the text summary), visibility and stdout_visibility; one entry in tests[]
/// per hidden test (name "<exercise id>: <Suite.Test>", number "<exercise>.<test>",
/// score, max_score, status "passed" or "failed", output = the grader's message, the
/// exercise's visibility, its id as tag), plus a 0-point "failed" entry carrying the
/// diagnostics of an exercise that did not build or the reason one was not graded, or
/// ("<id>: refused") the reason one was refused; every test of a refused exercise is
/// "failed" with that reason and 0 points, whatever its own verdict.
/// Skipped tests have no status (Gradescope has none for them) and 0 points. The
/// top-level score is the sum of the tests' scores.
nlohmann::json gradescope_json(const Report& report);

}  // namespace grader
