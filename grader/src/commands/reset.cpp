#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "state/pristine.hpp"
#include "util/file.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

bool ask(const std::string& question) {
  std::cout << question << " [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace

int run_reset(const GlobalOptions& global, const std::string& id, const fs::path& workspace_option,
              bool yes) {
  const Manifest m = require_exercise(global, id);
  const fs::path workspace = workspace_or_default(global, workspace_option);
  // Pristine copies are taken the first time the grader runs, before any edit.
  const fs::path pristine = pristine_dir(global.course) / m.id;

  std::vector<std::string> changed;
  for (const std::string& file : m.files) {
    if (!fs::exists(pristine / file)) {
      throw UsageError(
          fmt::format("no pristine copy of {}/{} in {} (it is taken the first time the grader runs "
                      "on a fresh checkout)",
                      m.id, file, pristine.string()));
    }
    // A file missing from the workspace reads as nullopt, so it counts as changed.
    if (read_file(workspace / m.id / file) != read_file(pristine / file)) {
      changed.push_back(file);
    }
  }
  if (changed.empty()) {
    std::cout << fmt::format("{} is already as shipped; nothing to reset.\n", m.id);
    return 0;
  }
  if (!yes) {
    if (isatty(STDIN_FILENO) == 0) {
      throw UsageError("reset discards your work: add --yes to confirm when not on a terminal");
    }
    if (!ask(fmt::format("Discard your changes to {} in {}?", fmt::join(changed, ", "), m.id))) {
      std::cout << "Nothing was changed.\n";
      return 0;
    }
  }
  for (const std::string& file : changed) {
    fs::create_directories((workspace / m.id / file).parent_path());
    fs::copy_file(pristine / file, workspace / m.id / file, fs::copy_options::overwrite_existing);
    std::cout << fmt::format("restored {}/{}\n", m.id, file);
  }
  return 0;
}

}  // namespace grader
