// batch/workspace.hpp — the tree a student is graded on.
#pragma once

#include <filesystem>
#include <vector>

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

}  // namespace grader
