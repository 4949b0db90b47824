#include "sandbox/sandbox.hpp"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <mutex>

#include "process/scratch_dir.hpp"
#include "sandbox/run_cgroups.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// Runs `true` under a policy with every kind of mount the grader uses: the
// user namespace, a hidden directory and a writable one. A sandbox that cannot
// do one of them is no sandbox.
bool trial_works(const std::string& bwrap) {
  const ScratchDir scratch("grader-sandbox-trial-");
  fs::create_directories(scratch.path() / "hidden");
  fs::create_directories(scratch.path() / "writable");
  std::ofstream(scratch.path() / "hidden" / "secret") << "not for the sandbox\n";
  const SandboxPolicy policy{{scratch.path() / "writable"}, {scratch.path() / "hidden"}, {}};
  ProcessSpec spec;
  spec.argv = bwrap_argv(bwrap, policy, scratch.path() / "writable",
                         {"sh", "-c", "test ! -e ../hidden/secret && touch ok"});
  spec.limits.wall_seconds = 10;
  const ProcessResult result = run_process(spec);
  return result.succeeded() && fs::exists(scratch.path() / "writable" / "ok");
}

constexpr int kFirstSignalCode = 128;

}  // namespace

const std::string& sandbox_program() {
  static const std::string program = [] {
    const std::string bwrap = find_program("bwrap");
    return !bwrap.empty() && trial_works(bwrap) ? bwrap : std::string();
  }();
  return program;
}

ProcessResult run_confined(ProcessSpec spec, const std::optional<SandboxPolicy>& policy) {
  if (!policy) return run_process(spec);
  // With or without bwrap: RLIMIT_NPROC does not bind root, and a run's processes must
  // weigh as one against the rest of the machine.
  const RunCgroups cgroups(spec.limits.processes);
  const std::string& bwrap = sandbox_program();
  if (bwrap.empty()) {
    static std::once_flag warned;
    std::call_once(warned, [] {
      std::fputs(
          "grader: warning: bubblewrap (bwrap) is missing or cannot create namespaces here: "
          "submissions run without a sandbox, under time, memory and output limits only\n",
          stderr);
    });
    spec.argv = cgroups.wrap(spec.argv);
    return run_process(spec);
  }
  // The program starts where it would have started unconfined (relative paths in its
  // argv are relative to that); bwrap's own directory does not matter.
  const fs::path cwd = spec.cwd.empty() ? fs::current_path() : fs::absolute(spec.cwd);
  SandboxPolicy confined = *policy;
  confined.readable.push_back(cwd);
  spec.argv = cgroups.wrap(bwrap_argv(bwrap, confined, cwd, spec.argv));
  spec.cwd.clear();
  ProcessResult result = run_process(spec);
  const int signal = result.exit_code - kFirstSignalCode;
  if (result.started && !result.timed_out && result.signal == 0 && signal > 0 && signal < NSIG) {
    result.signal = signal;
    result.exit_code = -1;
  }
  return result;
}

}  // namespace grader
