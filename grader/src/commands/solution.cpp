#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "release/course_kind.hpp"
#include "run/process.hpp"
#include "state/progress.hpp"

namespace grader {

namespace fs = std::filesystem;

int run_solution(const GlobalOptions& global, const std::string& id,
                 const fs::path& workspace_option, bool diff, bool force) {
  require_solutions(global.course, "solution");
  const Manifest m = require_exercise(global, id);
  const fs::path workspace = workspace_or_default(global, workspace_option);
  const LoadedProgress loaded = load_progress(workspace);
  if (loaded.warning) fmt::print(stderr, "grader: {}\n", *loaded.warning);
  if (loaded.progress.passed.count(m.id) == 0) {
    if (!force) {
      throw UsageError(fmt::format(
          "{} has not passed yet; solve it first (`grader check {}`), or add --force", m.id, m.id));
    }
    fmt::print(stderr,
               "grader: warning: showing the solution of {} before it passed; struggling is where "
               "it sinks in\n",
               m.id);
  }
  const fs::path solution = global.course / "solutions" / m.id;
  for (const std::string& file : m.files) {
    if (!diff) {
      std::ifstream in(solution / file, std::ios::binary);
      std::cout << fmt::format("==> solutions/{}/{} <==\n", m.id, file) << in.rdbuf() << "\n";
      continue;
    }
    ProcessSpec spec;
    spec.argv = {"diff",
                 "-u",
                 "--label",
                 "yours/" + file,
                 "--label",
                 "solution/" + file,
                 (workspace / m.id / file).string(),
                 (solution / file).string()};
    spec.limits.wall_seconds = 30;
    spec.limits.output_bytes = 8u << 20;
    const ProcessResult shown = run_process(spec);
    std::cout << (shown.exit_code == 0 ? fmt::format("{}: the same as the solution\n", file)
                                       : shown.output);
  }
  return 0;
}

}  // namespace grader
