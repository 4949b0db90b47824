// mutants/mutant_runner.hpp — grading an exercise's author mutants as learner submissions.
//
// Each mutant (mutants/mutant_patch.hpp) is graded by grade() with ids = {id}, exactly as a
// learner's submission: same builds, sanitizers, limits and tamper guard. It is killed when
// the exercise scores less than its maximum and the test its `# kills:` line names did not
// pass.
//
// One persistent tree per exercise, under the course's build directory: <root>/build/
// mutants/<id>/tree holds <id>/ and the solutions of the exercises it depends on, and its
// build directory beside it is reused from one mutant to the next, so a mutant costs the
// rebuild of the files it and the one before it changed, not a cold build.
//
// The mtime trap: ninja rebuilds an object only when its source is newer than it. Before
// each mutant the tree is made equal to the solution with that mutant's patch applied by
// rewriting every file whose bytes differ, which gives each of them a fresh modification
// time. A file put back by a copy that kept its old time would be older than the previous
// mutant's object of it: ninja would keep that object, and the next mutant would be graded
// with both bugs (a surviving mutant would look killed).
//
// Verdicts are kept by content, with batch's key (batch/source_key.hpp: every source the
// grade reads, the compiler, the grader's own digest), so verifying again after changing
// one mutant grades only that one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "course/course.hpp"

namespace grader {

/// How many author mutants each exercise needs, in a course that has grader/mutants/: with
/// fewer, a suite's strength rests on too few realistic bugs to mean much.
inline constexpr int kMinimumMutants = 7;

struct MutantRequest {
  std::filesystem::path project;  ///< the grader's sources (cmake/tree)
  bool sandbox = false;           ///< grade inside bubblewrap, as GradeRequest::sandbox
  int minimum = kMinimumMutants;  ///< fewer mutants than this is a problem of the exercise
  /// Called before each mutant and each step of its grading, with a short line.
  std::function<void(const std::string&)> progress = [](const std::string&) {};
};

/// What grading one exercise's mutants found.
struct MutantsVerdict {
  std::size_t mutants = 0;  ///< patches in grader/mutants/<id>/
  std::size_t killed = 0;
  /// One line per problem: a mutant that survived, lost points through another test than
  /// its `# kills:` one, does not apply or build, has a malformed header; too few mutants.
  std::vector<std::string> problems;
};

/// Returns: whether `course` has a grader/mutants/ directory (a course without one has no
/// author mutants, and no minimum applies).
bool has_author_mutants(const Course& course);

/// Effects: grades every mutant of `entry` in its persistent mutant tree (see above),
/// reusing the verdict of a mutant whose sources did not change.
/// Returns: how many there are, how many were killed, and every problem.
/// Throws: SetupError when GNU patch is not installed or a solution or patch file cannot be
/// read; UsageError when an exercise `entry` depends on has a broken manifest.
/// Requires: the course has solutions/.
MutantsVerdict grade_mutants(const Course& course, const CourseEntry& entry,
                             const MutantRequest& request);

}  // namespace grader
