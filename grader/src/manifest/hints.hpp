// manifest/hints.hpp — an exercise's hints, kept out of the learner's folder.
//
// Hints live in grader/hints/<id>.md, one `## ` section per hint, from a nudge to nearly the
// answer; `grader hint` shows them one at a time. In the exercise's own exercise.json they
// were one glance away from a learner reading the manifest, and learners read them by
// accident. Text before the first `## ` heading (a title, a note to authors) is not a hint.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// Returns: the body of each `## ` section of `markdown`, in order, trimmed of blank lines
/// around it; the heading lines themselves are not part of a hint.
std::vector<std::string> parse_hints(std::string_view markdown);

/// Returns: the hints of exercise `id` of the course at `root` (grader/hints/<id>.md); none
/// when the file does not exist.
/// Throws: ManifestError naming the file when it exists but cannot be read or holds no hint.
std::vector<std::string> load_hints(const std::filesystem::path& root, const std::string& id);

}  // namespace grader
