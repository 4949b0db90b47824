// commands/class_output.hpp — the options of every command that writes a class's files
// (`batch`, `gradebook`): extra formats, the late policy and the Canvas export.
#pragma once

#include "batch/class_formats.hpp"
#include "commands/options.hpp"

namespace grader {

/// Effects: declares --format, --policy, --submitted-at, --canvas-roster and
/// --canvas-assignment on `options`, bound to `into`.
void declare_class_output(Options& options, ClassOutputRequest& into);

}  // namespace grader
