// mutants/mutant_patch.hpp — an author mutant's patch file: its header and where it lives.
//
// An author mutant is an exercise's reference solution with one realistic learner bug, kept
// as grader/mutants/<id>/<slug>.patch: two header lines saying the bug and the hidden test
// meant to catch it, optional `# ` comment lines, then a unified diff relative to
// solutions/<id>/ (docs/authoring.md, "Author mutants"). Reading the header is pure, so that
// every rule of the format is a unit test; applying and grading is mutants/mutant_runner.hpp.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// The header of one mutant patch.
struct MutantHeader {
  std::string bug;    ///< what the code gets wrong, from its first line `# bug: ...`
  std::string kills;  ///< the hidden test meant to catch it (Suite.Test), from `# kills: ...`
  /// The first rule of the format the text breaks, worded to follow "mutant <id>/<slug>: "
  /// (e.g. "has no '# bug:' line"); "" when the header is well formed.
  std::string problem;
};

/// Returns: the header of the mutant patch `text`, which must start with the line
/// `# bug: <text>`, then `# kills: <Suite.Test>`, then any `#` comment lines, then its diff
/// (a line starting with `--- ` or `diff `). Lines may end in CRLF. On a broken header,
/// `problem` says which rule and `bug`/`kills` hold what was read before it.
MutantHeader parse_mutant_header(std::string_view text);

/// Returns: whether `name` is one GoogleTest test as TEST/TEST_F declare it: `Suite.Test`,
/// two C++ identifiers joined by a dot.
bool is_test_name(std::string_view name);

/// Returns: the directory of exercise `id`'s mutants in the course at `course_root`:
/// <course_root>/grader/mutants/<id>.
std::filesystem::path mutants_dir(const std::filesystem::path& course_root, const std::string& id);

/// Returns: the regular files named *.patch in `dir`, sorted by name (the order they are
/// graded in); none when `dir` does not exist.
std::vector<std::filesystem::path> mutant_patches(const std::filesystem::path& dir);

}  // namespace grader
