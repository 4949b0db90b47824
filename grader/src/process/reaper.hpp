// process/reaper.hpp — no process a submission starts outlives grading.
//
// run_process kills a program's whole process group when it ends, and bubblewrap's PID
// namespace dies with it. A process that leaves its group (`setsid nohup sleep 1000 &`)
// while no sandbox works escapes both: orphaned, it is adopted by init and runs on after
// the grader has exited, free to rewrite a report written after it. As a child
// subreaper, the grader adopts such orphans itself, so that they stay its descendants
// and kill_descendants() finds and kills them before a report is written.
#pragma once

#include <cstddef>

namespace grader {

/// Effects: makes this process a child subreaper (prctl PR_SET_CHILD_SUBREAPER): an
/// orphan among its descendants is reparented to it rather than to init.
/// Returns: whether the kernel agreed (Linux 3.4 and later).
bool become_subreaper();

/// Effects: stops every descendant of this process (so none can fork any more), kills
/// them all with SIGKILL, and reaps each as it becomes this process's child (an orphan
/// adopted as subreaper, or a child of one killed), until none is left or a bound of
/// rounds is reached. Zombies already among them are reaped too.
/// Requires: no other thread is running a child (run_process, popen): it would be
/// killed, and its exit status taken from the thread waiting for it. Callers therefore
/// call it once grading is over (after grade() returns; in batch, once every worker
/// has joined), not while a sibling's build may still be running.
/// Returns: how many descendants it killed or reaped.
std::size_t kill_descendants();

}  // namespace grader
