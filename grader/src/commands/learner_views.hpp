// commands/learner_views.hpp — the views `watch` shows besides its own screen: the same
// text `grader list` and `grader hint` print.
#pragma once

#include <filesystem>
#include <string>

#include "commands/command.hpp"

namespace grader {

/// Effects: prints every exercise with its day, last known status in `workspace`'s
/// default build, and points. Returns: 0.
int show_list(const Context& context, const std::filesystem::path& workspace);

/// Effects: prints the next hint of exercise `id` (every hint when `all`) and remembers
/// in `workspace`'s progress how many were shown. Returns: 0.
/// Throws: UsageError for an unknown exercise.
int show_hint(const Context& context, const std::string& id, const std::filesystem::path& workspace,
              bool all);

}  // namespace grader
