// rewrite.hpp — functions that allocate only when they must change their input.
//
// Each one scans its input first. When nothing needs to change it returns the
// input itself, borrowed: no allocation, no copy. Otherwise it builds the new
// value once, in a string reserved once: at most one allocation, and none when the
// reserved size fits the string's inline (SSO) buffer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cow.hpp"

namespace mw {

/// Effects: collapses every run of whitespace (' ', '\t', '\n', '\r', '\v', '\f') into one
/// space and removes whitespace at both ends.
/// Returns: `text` borrowed when it is already normalized (no whitespace at either end, no
/// whitespace other than single spaces between words); otherwise the normalized string,
/// owned, built in a string reserved once at text.size() (or the exact size): one
/// allocation, or none when that fits the string's inline buffer.
/// Throws: std::bad_alloc when the owned result cannot be allocated.
/// Requires: `text` outlives a borrowed result.
Cow<std::string> normalize_whitespace(std::string_view text);

/// Effects: replaces the characters HTML gives a meaning to: & < > " ' become &amp; &lt;
/// &gt; &quot; &#39;.
/// Returns: `text` borrowed when it holds none of them; otherwise the escaped string, owned,
/// built in a string reserved once at the exact escaped size: one allocation, or none when
/// that fits the string's inline buffer.
/// Throws: std::bad_alloc when the owned result cannot be allocated.
/// Requires: `text` outlives a borrowed result.
Cow<std::string> escape_html(std::string_view text);

/// Effects: replaces every negative element by its absolute value (the example of Rust's
/// Cow::to_mut documentation). A borrowed `values` is cloned on the first negative element
/// only; without one it stays borrowed. An owned `values` is changed in place.
/// Throws: std::bad_alloc when the clone cannot be allocated; `values` is then unchanged.
/// Requires: no element is INT_MIN (its absolute value is not an int).
void abs_all(Cow<std::vector<int>>& values);

}  // namespace mw
