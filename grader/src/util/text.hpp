// util/text.hpp — making untrusted bytes safe to report, and reading text by lines.
//
// Compiler diagnostics and test output can hold any bytes and any amount of
// them. Everything the grader reports goes through the first two functions, so
// every string in a report is valid UTF-8 and bounded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// Returns `bytes` with every invalid UTF-8 sequence (bad lead or continuation
/// bytes, overlong forms, surrogates, code points above U+10FFFF) replaced by
/// U+FFFD. Valid input is returned unchanged.
std::string to_valid_utf8(std::string_view bytes);

/// Returns the valid-UTF-8 form of `bytes`, cut to at most `limit` bytes of
/// content on a code point boundary. When something was cut, a marker line
/// "[... truncated: N bytes omitted]" follows, where N counts the input bytes dropped.
std::string truncate_utf8(std::string_view bytes, std::size_t limit);

/// Returns: `text` (valid UTF-8) cut to at most `width` code points, the last of them "…"
/// when it was cut: a table column that must keep the row within a terminal's width.
std::string fit_column(std::string_view text, std::size_t width);

/// Returns: whether `text` is a C++ identifier (ASCII letters, digits, '_', not a digit first).
bool is_identifier(std::string_view text);

/// Returns: the lines of `text`, each without its LF or CRLF (views into `text`).
std::vector<std::string_view> split_lines(std::string_view text);

/// Returns the first `max_lines` lines of `text` (all of it if it has fewer).
std::string first_lines(std::string_view text, std::size_t max_lines);

/// Returns: the lines of compiler `diagnostics` from its first "error:" line on, at most
/// `max_lines`, or its first lines when it has none. For a terminal: the rest is in the report.
std::string first_error(std::string_view diagnostics, std::size_t max_lines);

}  // namespace grader
