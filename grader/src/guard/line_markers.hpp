// guard/line_markers.hpp — the `# N "file" flags` lines of the compiler's `-E` output.
//
// They say which file and line the following output comes from: the tamper guard reads
// them to tell the learner's own lines from those of the headers they include, and to see
// every header a learner line includes (flag 1: entering a file, 2: back in its includer).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace grader {

/// One line marker. Invariant: at most one of `enter` and `leave`.
struct LineMarker {
  std::size_t line = 0;  ///< the line the next output line comes from
  std::string file;      ///< the file, unescaped, as the compiler opened it
  bool enter = false;    ///< flag 1: the start of an included file
  bool leave = false;    ///< flag 2: back in the file that included the one before
  bool system = false;   ///< flag 3: a system header
};

/// Returns: the marker whose text after the `#` is `rest` (e.g. ` 12 "a.hpp" 2`), or nullopt
/// when it is not a marker (`pragma once`, a malformed line).
std::optional<LineMarker> parse_line_marker(std::string_view rest);

}  // namespace grader
