// batch/class_files.hpp — OUT's class files (gradebook.csv, summary.*), rebuilt from the
// per-student results.
//
// Every batch run, whole or one shard, writes the roster (every student of the submissions
// directory) before grading. The class files are then made from the roster and what
// OUT/students/ holds, never from one process's memory: a one-machine batch and N shards
// merged by `grader gradebook` write the same bytes, and a merge may run again at any time.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "batch/class_formats.hpp"
#include "batch/policy.hpp"
#include "report/class_summary.hpp"
#include "util/timestamp.hpp"

namespace grader {

/// Effects: writes the roster `students` (sorted), with when each one's entry of the
/// submissions directory was last modified (`modified`, by student), to
/// OUT/students/.roster.json atomically. Shards of one class write the same roster, so the
/// last writer changes nothing. Throws: SetupError naming the file.
void write_roster(const std::filesystem::path& out, const std::vector<std::string>& students,
                  const std::map<std::string, Instant>& modified = {});

/// The class as a batch listed it.
struct Roster {
  std::vector<std::string> students;        ///< sorted
  std::map<std::string, Instant> modified;  ///< student -> their entry's modification time
};

/// Returns: the roster of `out`. Throws: UsageError when `out` has none (no batch ran there)
/// or it is damaged.
Roster read_roster(const std::filesystem::path& out);

/// Returns: whether `out` holds a batch's results (its roster): a batch or a shard ran there.
bool holds_class(const std::filesystem::path& out);

/// The class as the per-student results of OUT left it.
struct ClassMerge {
  ClassSummary summary;
  std::vector<std::string> notes;     ///< per student of summary.students: the gradebook's note
  std::optional<ClassPolicy> policy;  ///< OUT's late policy, when it has one
  std::vector<Lateness> lateness;     ///< per student of summary.students, with a policy
};

/// Returns: every student of the roster of `out` with the result stored for it, and the
/// similarity of the last `grader similarity` into `out` (OUT/similarity.json) when one ran,
/// and each student's lateness when OUT holds a policy.json (batch/policy.hpp).
/// Throws: UsageError naming (up to a few of) the students without a result, and how many,
/// when any has none: a shard has not finished, or was interrupted; UsageError when
/// OUT/similarity.json, policy.json or submitted-at.csv is damaged.
ClassMerge merge_class(const std::filesystem::path& out);

/// Effects: writes `merge` into `out` in every format of `output` (gradebook.csv,
/// summary.json, summary.md and summary.html; canvas.csv when asked), each atomically.
/// Returns: the lines to print about what was asked beyond the defaults: the late policy
/// applied (how many students were late), the Canvas file and any student it could not
/// find in the Canvas roster. Throws: SetupError naming a file.
std::string write_class_files(const std::filesystem::path& out, const ClassMerge& merge,
                              const ClassOutput& output = default_class_output());

/// Returns: the lines a command prints after writing the class files: the class's mean and
/// median, then where the gradebook, the summary and the reports are.
std::string class_summary_text(const std::filesystem::path& out, const ClassSummary& summary);

}  // namespace grader
