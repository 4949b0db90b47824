// `grader solution ID [--diff] [--force]`: the reference solution, once the exercise passed.
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "commands/table.hpp"
#include "process/process.hpp"
#include "state/progress.hpp"
#include "util/errors.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

constexpr double kDiffSeconds = 30;
constexpr std::size_t kDiffOutputBytes = 8u << 20;  // a whole file's diff, never cut in practice

struct SolutionOptions {
  std::string id;
  fs::path workspace;
  bool diff = false;
  bool force = false;
};

// Prints `file` of the solution, or its diff against the learner's copy.
void show_file(const Manifest& m, const std::string& file, const fs::path& workspace,
               const fs::path& solution, bool diff) {
  if (!diff) {
    std::ifstream in(solution / file, std::ios::binary);
    std::cout << fmt::format("==> solutions/{}/{} <==\n", m.id, file) << in.rdbuf() << "\n";
    return;
  }
  ProcessSpec spec{.argv = {"diff", "-u", "--label", "yours/" + file, "--label", "solution/" + file,
                            (workspace / m.id / file).string(), (solution / file).string()},
                   .limits = {.wall_seconds = kDiffSeconds, .output_bytes = kDiffOutputBytes}};
  const ProcessResult shown = run_process(spec);
  std::cout << (shown.exit_code == 0 ? fmt::format("{}: the same as the solution\n", file)
                                     : shown.output);
}

int run_solution(const Context& context, const SolutionOptions& options) {
  context.course.require_solutions("solution");
  const Manifest& m = context.course.require(options.id);
  const fs::path workspace = context.workspace_or_default(options.workspace);
  const LoadedProgress loaded = load_progress(workspace);
  if (loaded.warning) fmt::print(stderr, "grader: {}\n", *loaded.warning);
  if (loaded.progress.passed.count(m.id) == 0) {
    if (!options.force) {
      throw UsageError(fmt::format(
          "{} has not passed yet; solve it first (`grader check {}`), or add --force", m.id, m.id));
    }
    fmt::print(stderr,
               "grader: warning: showing the solution of {} before it passed; struggling is where "
               "it sinks in\n",
               m.id);
  }
  const fs::path solution = context.course.root() / "solutions" / m.id;
  for (const std::string& file : m.files) show_file(m, file, workspace, solution, options.diff);
  return 0;
}

}  // namespace

CommandRun declare_solution(Options& options) {
  auto values = std::make_shared<SolutionOptions>();
  options.exercise_id(values->id);
  options.flag("--diff", values->diff, "show it as a diff against your files");
  options.flag("--force", values->force, "show it even though the exercise has not passed yet");
  options.learner_workspace(values->workspace);
  return [values](const Context& context) { return run_solution(context, *values); };
}

}  // namespace grader
