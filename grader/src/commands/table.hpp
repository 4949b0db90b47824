// commands/table.hpp — every subcommand of the grader, in the order --help lists them.
#pragma once

#include <vector>

#include "commands/command.hpp"

namespace grader {

/// Returns: one Command per subcommand, in the order --help lists them.
const std::vector<Command>& command_table();

// Each declares its command's options and returns what runs it (commands/<name>.cpp).
CommandRun declare_check(CLI::App& command);
CommandRun declare_list(CLI::App& command);
CommandRun declare_verify(CLI::App& command);
CommandRun declare_hint(CLI::App& command);
CommandRun declare_reset(CLI::App& command);
CommandRun declare_solution(CLI::App& command);
CommandRun declare_lesson(CLI::App& command);
CommandRun declare_watch(CLI::App& command);
CommandRun declare_export(CLI::App& command);
CommandRun declare_batch(CLI::App& command);

}  // namespace grader
