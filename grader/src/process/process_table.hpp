// process/process_table.hpp — which process is whose child, as /proc shows it now.
//
// The kernel keeps no list of a process's descendants; /proc/<pid>/stat names each
// process's parent. A snapshot of those links is enough to find the children of the
// grader (to kill them when a batch is interrupted) and all its descendants (to kill
// what outlived grading).
#pragma once

#include <sys/types.h>

#include <map>
#include <string_view>
#include <vector>

namespace grader {

/// Every process's parent: pid -> ppid.
using ProcessParents = std::map<pid_t, pid_t>;

/// Returns: the parent pid written in `stat` (the text of /proc/<pid>/stat), or -1 when
/// it cannot be read. The command (second field) may hold spaces and parentheses: the
/// fields after its last ')' are "state ppid ...".
pid_t parent_in_stat(std::string_view stat);

/// Effects: reads /proc/<pid>/stat of every process.
/// Returns: each process's parent, zombies included; a process that exits while it reads
/// may be left out. Throws: nothing but std::bad_alloc (no /proc: an empty table).
ProcessParents read_process_parents();

/// Returns: the pids whose parent in `parents` is `parent`, in increasing order.
std::vector<pid_t> children_of(const ProcessParents& parents, pid_t parent);

/// Returns: every descendant of `ancestor` in `parents` at any depth, parents before
/// their children; never `ancestor` itself.
std::vector<pid_t> descendants_of(const ProcessParents& parents, pid_t ancestor);

}  // namespace grader
