// `grader reset ID [--yes]`: restore an exercise's learner files as shipped, asking first.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "commands/table.hpp"
#include "state/pristine.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

struct ResetOptions {
  std::string id;
  fs::path workspace;
  bool yes = false;
};

bool ask(const std::string& question) {
  std::cout << question << " [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

// The learner files of `m` that differ from their pristine copies in `pristine`.
// Throws: UsageError when a pristine copy is missing.
std::vector<std::string> changed_files(const Manifest& m, const fs::path& workspace,
                                       const fs::path& pristine) {
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
  return changed;
}

int run_reset(const Context& context, const ResetOptions& options) {
  const Manifest& m = context.course.require(options.id);
  const fs::path workspace = context.workspace_or_default(options.workspace);
  // Pristine copies are taken the first time the grader runs, before any edit.
  const fs::path pristine = pristine_dir(context.course.root()) / m.id;
  const std::vector<std::string> changed = changed_files(m, workspace, pristine);
  if (changed.empty()) {
    std::cout << fmt::format("{} is already as shipped; nothing to reset.\n", m.id);
    return 0;
  }
  if (!options.yes) {
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

}  // namespace

CommandRun declare_reset(Options& options) {
  auto values = std::make_shared<ResetOptions>();
  options.exercise_id(values->id);
  options.flag("--yes,-y", values->yes, "do not ask before discarding your changes");
  options.learner_workspace(values->workspace);
  return [values](const Context& context) { return run_reset(context, *values); };
}

}  // namespace grader
