// batch/policy.hpp — a class's late policy (OUT/policy.json) and when each student handed in.
//
//     {"due": "2026-03-14T23:59:00+01:00",
//      "late_penalty_percent_per_day": 10,
//      "extensions": {"bob": "2026-03-16T23:59:00+01:00", "carol": 2}}
//
// A student's due is their extension (a date-time, or a number of days after "due"), else
// "due". Each day or part of a day past it costs late_penalty_percent_per_day percent of the
// raw score, at most all of it. When a student handed in is read from OUT/submitted-at.csv
// (columns student,submitted_at), else it is the modification time of the student's entry
// in the submissions directory, which every batch run records in the roster.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "util/timestamp.hpp"

namespace grader {

struct LatePolicy {
  Instant due;
  double penalty_percent_per_day = 0;
  std::map<std::string, Instant> extended_due;  ///< student -> their own due
};

/// Returns: the policy in `text`, the contents of a policy.json named `origin` in messages.
/// Throws: UsageError, one line naming `origin` and the field: not JSON, "due" missing or not
/// a date-time with an offset, a penalty that is not a number from 0 to 100, an extension that
/// is neither a date-time nor a number of days, or a key the policy does not know (a typo
/// would silently grade without it).
LatePolicy parse_policy(const std::string& text, const std::string& origin);

/// Returns: student -> when they handed in, from `text`, a CSV named `origin` in messages
/// whose first line is the header student,submitted_at. Throws: UsageError, one line naming
/// the line of a missing header, a bad time or a student named twice.
std::map<std::string, Instant> parse_submission_times(const std::string& text,
                                                      const std::string& origin);

/// How late one student was under the policy.
struct Lateness {
  std::optional<Instant> submitted;  ///< nullopt: unknown, and nothing is deducted
  bool file_time = false;            ///< `submitted` is the entry's modification time
  Instant due;                       ///< the student's own due (with an extension)
  int days_late = 0;                 ///< days or parts of days past `due`
  double penalty_percent = 0;        ///< of the raw score, from 0 to 100
};

/// Returns: how late `student` was, having handed in at `submitted`.
Lateness lateness_of(const LatePolicy& policy, const std::string& student,
                     std::optional<Instant> submitted);

/// Returns: the points `lateness` takes from a raw score of `raw`, to the hundredth.
double penalty_points(int raw, const Lateness& lateness);

/// Returns: `points` as a gradebook writes it: at most two decimals, none when whole ("8.1").
std::string points_text(double points);

/// The class's policy and submission times as OUT holds them.
struct ClassPolicy {
  LatePolicy policy;
  std::map<std::string, Instant> csv_times;  ///< OUT/submitted-at.csv; empty when absent
  bool has_csv = false;
};

/// Returns: OUT/policy.json with OUT/submitted-at.csv, or nullopt when OUT has no policy.json.
/// Throws: UsageError when either is broken (parse_policy, parse_submission_times).
std::optional<ClassPolicy> read_class_policy(const std::filesystem::path& out);

/// Effects: checks the policy file `policy` and the CSV `times` (either may be empty: not
/// given) and copies each into OUT (policy.json, submitted-at.csv), where every later batch,
/// merge or `grader similarity` of the class applies them.
/// Throws: UsageError (one line) when one cannot be read or is broken; nothing is copied then.
void adopt_policy_files(const std::filesystem::path& out, const std::filesystem::path& policy,
                        const std::filesystem::path& times);

}  // namespace grader
