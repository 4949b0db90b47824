// commands/progress_line.hpp — how the learner commands show what the grader is doing.
#pragma once

#include <functional>
#include <string>

namespace grader {

/// Returns: a progress callback that writes each line to stderr: rewritten in place on a
/// terminal (one line that changes), one line each otherwise (a log keeps them all).
std::function<void(const std::string&)> progress_printer();

/// Effects: on a terminal, erases the line progress_printer() last wrote, so that what
/// comes next starts on a clean line. Elsewhere nothing.
void clear_progress();

}  // namespace grader
