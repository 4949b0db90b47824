// state/pristine.hpp — the stub files as shipped, for `grader reset`.
//
// The first time the grader runs in its own checkout (scripts/grade, before any
// edit), it copies every exercise's learner files from exercises/ into
// build/pristine/<id>/. A copy is never retaken, so later edits are never
// captured, and reset needs no git. A course given with --root is never written
// to; reset there finds copies only if someone put them in its build/pristine.
#pragma once

#include <filesystem>
#include "course/course.hpp"

namespace grader {

/// Returns: where the pristine copies of `course` live.
std::filesystem::path pristine_dir(const std::filesystem::path& course);

/// Effects: copies the learner files of each exercise of `course` that has no
/// pristine copy yet. Failures (a read-only course) are ignored: reset will say
/// there is no copy.
void snapshot_pristine(const Course& course);

}  // namespace grader
