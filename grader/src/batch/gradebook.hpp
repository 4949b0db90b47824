// batch/gradebook.hpp — OUT/gradebook.csv: one row per student, one column per exercise.
#pragma once

#include <string>
#include <string_view>

#include "batch/policy.hpp"
#include "report/class_summary.hpp"
#include "util/csv.hpp"

namespace grader {

/// Returns: the gradebook of `summary` as CSV (CRLF line ends, as RFC 4180 says):
/// student, one score column per exercise, total, max, percent, refused (how many of
/// the student's exercises the tamper guard refused, 0 for most; empty for a submission
/// refused whole), status (graded, or refused: the whole submission, at intake)
/// and reason (why the submission was refused; else "<id> refused: <why>" for each
/// refused exercise, then a note such as no learner files found, joined by "; ").
/// `notes` gives a student's note by position in `summary.students` (may be shorter).
/// With `lateness` (one per student, under a late policy), six columns follow percent:
/// submitted_at, due, days_late, penalty (points), final (total less penalty) and
/// final_percent; total stays the raw score. A refused submission leaves them empty.
std::string render_gradebook(const ClassSummary& summary, const std::vector<std::string>& notes,
                             const std::vector<Lateness>& lateness = {});

}  // namespace grader
