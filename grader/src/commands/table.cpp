#include "commands/table.hpp"

namespace grader {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      check_command(),    list_command(),   verify_command(), hint_command(),   reset_command(),
      solution_command(), lesson_command(), watch_command(),  export_command(), batch_command(),
  };
  return table;
}

}  // namespace grader
