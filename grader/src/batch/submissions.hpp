// batch/submissions.hpp — the students of a submissions directory and their names.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "batch/intake.hpp"

namespace grader {

enum class SubmissionKind { directory, zip, tar_gz, unsupported };

struct Submission {
  /// The student: the entry's name without its archive extension, valid UTF-8 with no
  /// control character and no leading '.', so it is safe as a file name, a CSV cell and
  /// in a report. A name that had to be changed, or that two entries share ("bob" and
  /// "bob.zip"), gets "~" and 8 hex digits of the SHA-256 of the entry's raw name: the
  /// same entry always gets the same name.
  std::string student;
  std::filesystem::path path;  ///< the entry in the submissions directory
  SubmissionKind kind = SubmissionKind::unsupported;
};

/// Returns: one submission per entry of `dir` whose name does not start with '.',
/// sorted by student name. Throws: std::filesystem::filesystem_error when `dir` cannot
/// be listed.
std::vector<Submission> list_submissions(const std::filesystem::path& dir);

/// Returns: the submission at `path` (a directory, .zip, .tar.gz or .tgz; unsupported for
/// anything else, a link included), its student named as list_submissions() names one
/// alone. Throws: nothing but std::bad_alloc.
Submission submission_at(const std::filesystem::path& path);

/// Effects: reads `submission` according to its kind.
/// Returns: its files, or refused (unsupported kind, unsafe or unreadable content).
Intake read_submission(const Submission& submission, const IntakeLimits& limits);

}  // namespace grader
