// run/sanitizer_summary.hpp — the part of a sanitizer report a learner acts on.
//
// A report is long (a data race's two stacks, the threads' creation stacks, a shadow-byte
// map) and its first frames are the sanitizer's and the standard library's: cutting it at
// a fixed number of lines kept the headline and lost the "Previous write … by thread T1"
// half that explains a race. The summary keeps every stack that says where memory was
// touched, each from the learner's first frame on, and drops what explains nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// Frames shown per stack, from the first one in the learner's files (or the top).
inline constexpr std::size_t kFramesPerStack = 4;

/// Returns: `report` (the text of one ThreadSanitizer, AddressSanitizer, LeakSanitizer or
/// UndefinedBehaviorSanitizer report, from its headline on) shortened for a learner:
/// - the headline ("WARNING: ThreadSanitizer: data race", "ERROR: AddressSanitizer: …");
/// - each stack's title ("Previous write of size 8 … by thread T1:", "freed by thread T0
///   here:") and at most kFramesPerStack of its frames, starting at the first frame in one
///   of `learner_files` (paths ending in "/<id>/<file>", e.g. "/07-arc/arc.hpp"), or at the
///   top when none is; a frame reads "#1 Arc<int>::~Arc() 07-arc/arc.hpp:9": no address,
///   a learner file named from its exercise, any other file by its name alone;
/// - the SUMMARY line, its paths shortened the same way.
/// Stacks that show where threads were created, and the shadow-byte map, are left out.
/// Text it does not recognise as a stack (a UBSan line) is kept as it is.
std::string summarize_sanitizer_report(std::string_view report,
                                       const std::vector<std::string>& learner_files);

}  // namespace grader
