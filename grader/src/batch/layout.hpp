// batch/layout.hpp — finding each exercise's learner files in a submission.
//
// Students hand in their work in several shapes: the whole `exercises/` tree, just the
// exercise folders (`01-layout/layout.hpp`), the files alone (`layout.hpp`, placed when
// exactly one exercise has a learner file of that name), or any of those wrapped in one
// folder (`alice-week1/exercises/...`, as zipping a folder does). `grader batch` and
// `grader check --submission` (Gradescope) read every submission this way. Only the files a
// manifest lists as learner files are taken; anything else a student adds or changes (a given
// header, a visible test, a stray file) is ignored.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "batch/intake.hpp"
#include "course/course.hpp"

namespace grader {

/// exercise id -> learner file (as the manifest names it) -> content.
using LearnerFiles = std::map<std::string, std::map<std::string, std::string>>;

/// Returns: the learner files of every exercise of `course` (entries without a manifest
/// have none) found in `intake`, in any of the shapes above. macOS's `__MACOSX/`
/// metadata folders are ignored.
LearnerFiles find_learner_files(const Intake& intake, const std::vector<CourseEntry>& course);

/// Returns: how many files `files` holds in all.
std::size_t count_files(const LearnerFiles& files);

}  // namespace grader
