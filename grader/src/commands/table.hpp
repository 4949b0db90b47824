// commands/table.hpp — every subcommand of the grader, in the order --help lists them.
#pragma once

#include <vector>

#include "commands/command.hpp"

namespace grader {

/// Returns: one Command per subcommand; each is defined in commands/<name>.cpp.
const std::vector<Command>& command_table();

Command check_command();
Command list_command();
Command verify_command();
Command hint_command();
Command reset_command();
Command solution_command();
Command lesson_command();
Command watch_command();
Command export_command();
Command batch_command();

}  // namespace grader
