// util/xml_escape.hpp — putting any valid UTF-8 text into XML, HTML or SVG safely.
//
// One escaper for every writer of markup: the report renderers and the benchmarks' SVG
// charts, so none of them drifts into escaping less.
#pragma once

#include <string>
#include <string_view>

namespace grader {

/// U+FFFD, put where a character may not appear.
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

/// Returns: `text` escaped for XML 1.0 and HTML text and attribute values: & < > " '
/// as entities, and every character XML 1.0 forbids even as a reference (C0 controls
/// other than tab, newline and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD.
/// Requires: `text` is valid UTF-8 (every report string is).
std::string xml_escape(std::string_view text);

/// Returns: whether `c` is a C0 control character other than tab, newline and carriage
/// return: XML 1.0 forbids those even as character references.
bool xml_forbidden_control(char c);

}  // namespace grader
