// `grader test ID [--filter PATTERN] [--workspace DIR]`: build and run the visible tests of the
// graded tree, GoogleTest's own output as it comes. No verdict, no points: the learner's
// way to run the tests they can read, and the ones they add to <id>/tests/.
#include <unistd.h>

#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "build/build_lock.hpp"
#include "build/tree_build.hpp"
#include "commands/progress_line.hpp"
#include "commands/table.hpp"
#include "process/process.hpp"
#include "process/reaper.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

// A test that prints without end must not fill the learner's terminal or log for minutes.
constexpr std::size_t kShownOutputBytes = 1 << 20;

struct TestOptions {
  std::string id;
  std::string filter;  ///< passed as --gtest_filter; empty: every test
  fs::path workspace;
  fs::path build_dir;  ///< empty: the default for the workspace, the one `check` builds in
};

// Returns: what forwards a program's output to stdout, up to kShownOutputBytes, then one
// line saying the rest was cut.
std::function<void(std::string_view)> output_forwarder() {
  auto shown = std::make_shared<std::size_t>(0);
  return [shown](std::string_view chunk) {
    if (*shown >= kShownOutputBytes) return;
    const std::string_view part = chunk.substr(0, kShownOutputBytes - *shown);
    std::fwrite(part.data(), 1, part.size(), stdout);
    *shown += part.size();
    if (*shown >= kShownOutputBytes)
      std::fputs("\n[grader: the rest of the output is cut]\n", stdout);
    std::fflush(stdout);
  };
}

// Effects: configures the tree and builds `target`, printing progress, then the compiler's
// diagnostics when it fails. Returns: whether it built.
bool build_tests(TreeBuild& build, const std::string& target, double seconds) {
  BuildReport built = build.configure();
  if (built.ok) built = build.build_targets({target}, seconds);
  clear_progress();
  if (!built.ok) fmt::print(stderr, "{}\n", built.diagnostics);
  return built.ok;
}

int run_tests(const Context& context, const TestOptions& options) {
  const Manifest& m = context.course.require(options.id);
  const fs::path workspace = context.existing_workspace(options.workspace);
  TreeBuild build(
      TreeBuildPaths{.project = context.project,
                     .course = context.course.root(),
                     .tree = workspace,
                     .build_dir = options.build_dir.empty()
                                      ? default_build_dir(context.course.root(), workspace)
                                      : fs::absolute(options.build_dir)},
      progress_printer());
  const BuildDirLock lock(build.paths().build_dir, progress_printer());
  const std::string target = "tests-" + m.id;
  if (!build_tests(build, target, m.build_seconds)) {
    fmt::print(stderr, "grader: the visible tests of {} did not build\n", m.id);
    return 1;
  }
  std::vector<std::string> argv = {
      build.suite_binary(target).string(),
      context.use_color(STDOUT_FILENO) ? "--gtest_color=yes" : "--gtest_color=no"};
  if (!options.filter.empty()) argv.push_back("--gtest_filter=" + options.filter);
  const ProcessResult result =
      run_process(ProcessSpec{.argv = argv,
                              .cwd = build.paths().build_dir,
                              .limits = {.wall_seconds = m.suite_seconds, .output_bytes = 0},
                              .on_output = output_forwarder()});
  kill_descendants();  // nothing the tests started outlives them
  if (result.succeeded()) return 0;
  fmt::print(stderr, "grader: the visible tests of {} did not pass ({}{})\n", m.id,
             result.describe(), result.timed_out ? ", the exercise's suite_seconds" : "");
  return 1;
}

}  // namespace

CommandRun declare_test(Options& options) {
  auto values = std::make_shared<TestOptions>();
  options.exercise_id(values->id);
  options.text("--filter", values->filter,
               "run only the tests matching this GoogleTest pattern, e.g. 'Arena.*'");
  options.learner_workspace(values->workspace);
  options.path("--build-dir", values->build_dir, "where to build it (default: build/trees/<tree>)");
  return [values](const Context& context) { return run_tests(context, *values); };
}

}  // namespace grader
