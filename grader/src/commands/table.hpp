// commands/table.hpp — every subcommand of the grader, in the order --help lists them.
#pragma once

#include <vector>

#include "commands/command.hpp"

namespace grader {

/// Returns: one Command per subcommand, in the order --help lists them.
const std::vector<Command>& command_table();

// Each declares its command's options and returns what runs it (commands/<name>.cpp).
CommandRun declare_check(Options& options);
CommandRun declare_list(Options& options);
CommandRun declare_verify(Options& options);
CommandRun declare_test(Options& options);
CommandRun declare_hint(Options& options);
CommandRun declare_reset(Options& options);
CommandRun declare_solution(Options& options);
CommandRun declare_lesson(Options& options);
CommandRun declare_watch(Options& options);
CommandRun declare_export(Options& options);
CommandRun declare_batch(Options& options);
CommandRun declare_gradebook(Options& options);
CommandRun declare_similarity(Options& options);

}  // namespace grader
