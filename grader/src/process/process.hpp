// process/process.hpp — running one untrusted program under limits.
//
// Everything the grader runs from a submission (its build, its suite) goes
// through run_process: a new process group, rlimits, a wall-clock deadline
// after which the whole group is killed, and output captured up to a cap.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

struct ProcessLimits {
  double wall_seconds = 60;             ///< the whole process group is killed after this
  double cpu_seconds = 0;               ///< RLIMIT_CPU; 0 means wall_seconds + 1
  std::size_t output_bytes = 1 << 20;   ///< stdout+stderr kept; the rest is counted, not kept
  std::size_t file_bytes = 256u << 20;  ///< RLIMIT_FSIZE: largest file it may write
  std::size_t processes = 512;          ///< RLIMIT_NPROC (not enforced for root; see README)
  std::size_t address_space_bytes = 0;  ///< RLIMIT_AS; 0 means none (sanitizers reserve terabytes)
};

struct ProcessSpec {
  std::vector<std::string> argv;           ///< argv[0] is looked up in PATH
  std::filesystem::path cwd;               ///< empty: the grader's own
  std::map<std::string, std::string> env;  ///< added to (or replacing in) the grader's environment
  ProcessLimits limits;
  /// Descriptors of the grader the program gets, in order, as its descriptors 3, 4, …
  /// (every other descriptor of the grader is closed on exec).
  std::vector<int> inherited_fds;
  /// Asked every few milliseconds while the program runs; true kills it as timed out
  /// (a suite whose current test made no progress for too long). May be empty.
  std::function<bool()> should_stop;
  /// Called with each piece of output as it arrives (e.g. to show build progress); may be empty.
  std::function<void(std::string_view)> on_output;
};

struct ProcessResult {
  bool started = false;    ///< false: fork or exec failed, see output
  int exit_code = -1;      ///< valid when signal == 0 and !timed_out
  int signal = 0;          ///< the signal that ended it, or 0
  bool timed_out = false;  ///< killed at the wall-clock deadline
  std::string output;      ///< stdout and stderr interleaved, at most output_bytes (raw bytes)
  std::size_t output_total = 0;  ///< bytes it wrote in all, kept or not
  double seconds = 0;

  /// Returns true when it ran to a normal exit with status 0.
  bool succeeded() const { return started && !timed_out && signal == 0 && exit_code == 0; }
  /// Returns a short description: "exit code 3", "killed by SIGSEGV", "timed out after 2.0 s".
  std::string describe() const;
};

/// Effects: runs `spec` to completion under its limits, killing its process
/// group at the deadline and any process it left behind in that group.
/// Returns: how it ended and what it printed. Never throws for the child's behaviour.
ProcessResult run_process(const ProcessSpec& spec);

/// Returns: the first file named `name` that may be executed in the directories of $PATH
/// (/usr/bin:/bin when it is unset), or "" when there is none.
std::string find_program(std::string_view name);

}  // namespace grader
