// lesson/terminal_markdown.hpp — lessons, readable in a terminal.
//
// Not a full CommonMark renderer: it knows what the lessons use (headings,
// paragraphs, lists, fenced code, tables, quotes, inline code) and makes those
// easy to read at any width. Anything else is printed as written.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace grader {

/// Returns: the anchor GitHub gives a heading: lower case, punctuation other than
/// '-' and '_' dropped, spaces turned into '-'. "Bump allocation: C++" -> "bump-allocation-c".
std::string github_slug(std::string_view heading);

/// Returns: the section of `markdown` whose heading has the anchor `anchor`, up to the
/// next heading of the same or a higher level; nullopt when no heading has it.
std::optional<std::string> extract_section(std::string_view markdown, std::string_view anchor);

/// Returns: `markdown` laid out for a terminal `width` columns wide: paragraphs and list
/// items wrapped, code blocks indented and kept as written, headings emphasised.
/// With `color`, ANSI styles; without, plain text only.
std::string render_markdown(std::string_view markdown, std::size_t width, bool color);

}  // namespace grader
