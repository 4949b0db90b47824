// sandbox/sandbox.hpp — running a submission's program inside bubblewrap when it can.
//
// bwrap may be missing, or present but useless (a container that forbids user
// namespaces). The grader then still runs the program under run_process's rlimits
// and deadline, and says once, on stderr, that it is not sandboxed.
#pragma once

#include <optional>
#include <string>

#include "process/process.hpp"
#include "sandbox/bwrap_argv.hpp"

namespace grader {

/// Effects: on the first call, looks for `bwrap` on PATH and runs a trial program
/// under the full policy; later calls return the cached answer.
/// Returns: the bwrap program to use, or "" when sandboxing does not work here.
const std::string& sandbox_program();

/// Effects: runs `spec` like run_process; when `policy` is set and sandbox_program()
/// works, inside bubblewrap under `policy`, in spec.cwd or the grader's own directory (the
/// policy decides whether it is writable). When `policy` is set but no sandbox works, prints one
/// warning line to stderr for the whole grader process and runs it unconfined.
/// Returns: how it ended, with a program killed by a signal inside the sandbox reported
/// as that signal (bwrap turns it into exit code 128 + N).
ProcessResult run_confined(ProcessSpec spec, const std::optional<SandboxPolicy>& policy);

}  // namespace grader
