// report/markdown_report.hpp — the report as GitHub-flavoured Markdown, written to
// $GITHUB_STEP_SUMMARY by CI.
#pragma once

#include <string>

#include "model/report.hpp"

namespace grader {

/// Returns: a heading with the total score, a table of exercises (status emoji and
/// word, title, points), and a collapsed <details> block per exercise that did not
/// pass with its first failures (or first compiler error, the reason it was not run,
/// or the reason it was refused, without its tests) in code blocks; the heading counts
/// refused exercises when there are any. Stays under kMarkdownLimit bytes: details that do not fit
/// are left out, with a note saying how many.
std::string render_markdown(const Report& report);

/// Returns: the emoji and word for `status`, e.g. "✅ passed", for a Markdown table.
std::string status_badge(ExerciseStatus status);

}  // namespace grader
