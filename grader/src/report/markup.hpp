// report/markup.hpp — putting report text (valid UTF-8, but any characters) safely
// into XML, HTML and Markdown, in one place for every renderer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/report.hpp"
#include "util/xml_escape.hpp"

namespace grader {

/// Returns: `text` as one cell of a GitHub-flavoured Markdown table: HTML-escaped
/// (GitHub renders inline HTML), `|` and Markdown punctuation backslash-escaped, line
/// breaks and control characters as spaces.
std::string markdown_cell(std::string_view text);

/// Returns: `text` as a fenced code block whose fence is longer than any backtick run in
/// it, so nothing inside can close it; control characters other than newline and tab
/// become U+FFFD.
std::string markdown_code_block(std::string_view text);

/// Returns: the first `max_lines` lines of `text`, and at most `max_bytes` of them
/// (cut on a code point boundary, with a truncation marker).
std::string excerpt(std::string_view text, std::size_t max_lines, std::size_t max_bytes);

/// Markdown for $GITHUB_STEP_SUMMARY: GitHub refuses a step summary over 1 MiB, so
/// renderers stop adding sections before this many bytes (room left for a closing note).
inline constexpr std::size_t kMarkdownLimit = 1000000;

/// Effects: appends `piece` to `out` when the result stays within `limit` bytes.
/// Returns: whether it was appended.
bool append_within(std::string& out, std::string_view piece, std::size_t limit);

}  // namespace grader
