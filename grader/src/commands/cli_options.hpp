// commands/cli_options.hpp — Options declared on a CLI11 subcommand.
#pragma once

#include <memory>

#include "commands/options.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace grader {

/// Returns: Options that declare each option on `command`, which must outlive them.
std::unique_ptr<Options> cli_options(CLI::App& command);

}  // namespace grader
