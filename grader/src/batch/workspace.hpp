// batch/workspace.hpp — the tree a student is graded on.
//
// Every entry point that grades a submission stages it the same way: `grader batch` for
// each student of a class, `grader check --submission` for one (Gradescope's
// run_autograder calls it). Only the learner files a manifest names are taken, over fresh
// stubs; links and special files are never followed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "batch/intake.hpp"
#include "batch/layout.hpp"
#include "course/course.hpp"

namespace grader {

/// Effects: makes `workspace` hold, for each exercise of `course`, the course's own
/// exercises/<id>/ files (the stubs as shipped) with the student's `files` laid over
/// them. Files already holding the right bytes are not rewritten (so an interrupted
/// student's build stays incremental); files that should not be there are removed.
/// Requires: the paths in `files` come from manifests (relative, no ".."), `workspace`
/// is the student's own scratch directory. Throws: std::filesystem::filesystem_error.
void stage_workspace(const std::filesystem::path& course_root,
                     const std::vector<CourseEntry>& course, const LearnerFiles& files,
                     const std::filesystem::path& workspace);

/// What stage_submission() found in a submission.
struct StagedSubmission {
  std::vector<std::string> exercises;  ///< the ids it held learner files for, in course order
  std::vector<std::string> skipped;    ///< one line per entry not taken (Intake::skipped)
  std::size_t files = 0;               ///< learner files taken
};

/// Effects: reads the submission at `submission` (a directory in any layout of
/// batch/layout.hpp, a .zip, .tar.gz or .tgz) through the batch's intake, and stages its
/// learner files over the stubs of `course` in `workspace` (stage_workspace), which it then
/// marks as a staged workspace. An entry that is a link or a special file is skipped; the
/// rest is staged.
/// Returns: what it found and skipped.
/// Throws: UsageError when the submission is refused as a whole (the reason), or when
/// `workspace` holds files but was not staged by this function (staging would delete
/// them); std::filesystem::filesystem_error when the workspace cannot be written.
StagedSubmission stage_submission(const std::filesystem::path& course_root,
                                  const std::vector<CourseEntry>& course,
                                  const std::filesystem::path& submission,
                                  const std::filesystem::path& workspace,
                                  const IntakeLimits& limits = {});

/// Returns: what a sandboxed grading of a submission must not see beyond what the
/// sandbox's policies hide: the trees built in the course's own checkout (its solutions).
std::vector<std::filesystem::path> course_builds(const std::filesystem::path& course_root);

}  // namespace grader
