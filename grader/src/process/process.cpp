#include "process/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = std::size_t{64} << 10;  // 64 KiB per read

void set_limit(int resource, rlim_t value) {
  const rlimit limit{value, value};
  setrlimit(resource, &limit);
}

// The first descriptor a program gets beyond stdin, stdout and stderr.
constexpr int kFirstInheritedFd = 3;
// Where descriptors are parked while they are moved into place: above any target.
constexpr int kParkingFd = 256;

// In the child: makes `fds` its descriptors 3, 4, … without one move overwriting a
// descriptor still to be moved (each is first copied above every target), open across exec.
void pass_descriptors(const std::vector<int>& fds) {
  int parked[kParkingFd];
  const std::size_t count = std::min(fds.size(), std::size_t{kParkingFd - kFirstInheritedFd});
  for (std::size_t i = 0; i < count; ++i) parked[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, kParkingFd);
  for (std::size_t i = 0; i < count; ++i) {
    if (parked[i] >= 0) dup2(parked[i], kFirstInheritedFd + static_cast<int>(i));
  }
}

// Runs in the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const ProcessSpec& spec, int output_fd, char* const* argv,
                             char* const* envp) {
  setpgid(0, 0);
  // No /dev/null (a bare sandbox): a closed stdin, never the grader's terminal.
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd >= 0) {
    dup2(null_fd, STDIN_FILENO);
  } else {
    close(STDIN_FILENO);
  }
  dup2(output_fd, STDOUT_FILENO);
  dup2(output_fd, STDERR_FILENO);
  pass_descriptors(spec.inherited_fds);
  const ProcessLimits& l = spec.limits;
  const double cpu = l.cpu_seconds > 0 ? l.cpu_seconds : l.wall_seconds + 1;
  set_limit(RLIMIT_CPU, static_cast<rlim_t>(cpu + 0.999));
  set_limit(RLIMIT_CORE, 0);
  set_limit(RLIMIT_FSIZE, l.file_bytes);
  set_limit(RLIMIT_NPROC, l.processes);
  if (l.address_space_bytes > 0) set_limit(RLIMIT_AS, l.address_space_bytes);
  if (!spec.cwd.empty() && chdir(spec.cwd.c_str()) != 0) _exit(126);
  signal(SIGPIPE, SIG_DFL);
  execvpe(argv[0], argv, envp);
  const char message[] = "grader: cannot execute the program\n";
  (void)!write(STDERR_FILENO, message, sizeof message - 1);
  _exit(127);
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (extra.count(name) == 0) env.push_back(entry);
  }
  for (const auto& [name, value] : extra)
    env.push_back(std::string(name).append("=").append(value));
  return env;
}

// Keeps what fits under the output cap, counts all of it, and passes it on.
void keep_output(const ProcessSpec& spec, std::string_view chunk, ProcessResult& result) {
  result.output_total += chunk.size();
  const std::size_t room =
      spec.limits.output_bytes - std::min(spec.limits.output_bytes, result.output.size());
  result.output.append(chunk.substr(0, std::min(room, chunk.size())));
  if (spec.on_output) spec.on_output(chunk);
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

std::string ProcessResult::describe() const {
  if (!started) return "could not be started";
  if (timed_out) return fmt::format("timed out after {:.1f} s", seconds);
  if (signal != 0)
    return fmt::format("killed by signal {} ({})", signal,
                       sigabbrev_np(signal) ? sigabbrev_np(signal) : "?");
  return fmt::format("exit code {}", exit_code);
}

namespace {

// Reads the child's output until it has exited and the pipe is drained, killing its
// group at the deadline, and anything of the group still holding the pipe once the
// child itself is gone. Returns: the child's wait status.
int pump_output(const ProcessSpec& spec, pid_t pid, int read_fd, Clock::time_point start,
                ProcessResult& result) {
  // A process that left the group (setsid) may hold the pipe open forever:
  // once the child has exited, drain for at most this long.
  constexpr auto kDrainAfterExit = std::chrono::seconds(2);
  constexpr int kPollWhileRunningMs = 20;
  constexpr int kWaitAfterEofMs = 10;     // the pipe is closed but the child still runs
  constexpr int kQuietAfterExitMs = 100;  // nothing more within this long: the pipe is done
  const auto deadline = start + std::chrono::duration<double>(spec.limits.wall_seconds);
  auto drain_deadline = Clock::time_point::max();
  int status = 0;
  bool exited = false;
  bool pipe_open = true;
  const auto reap = [&](bool killed_at_deadline) {
    kill(-pid, SIGKILL);
    if (killed_at_deadline) waitpid(pid, &status, 0);
    exited = true;
    drain_deadline = Clock::now() + kDrainAfterExit;
  };
  std::vector<char> buffer(kReadChunk);
  while (pipe_open || !exited) {
    if (!exited && waitpid(pid, &status, WNOHANG) == pid) reap(false);
    if (!exited && (Clock::now() >= deadline || (spec.should_stop && spec.should_stop()))) {
      result.timed_out = true;
      reap(true);
    }
    if (exited && Clock::now() >= drain_deadline) break;
    if (!pipe_open) {
      if (!exited) usleep(kWaitAfterEofMs * 1000);
      continue;
    }
    pollfd fd{read_fd, POLLIN, 0};
    if (poll(&fd, 1, exited ? kQuietAfterExitMs : kPollWhileRunningMs) <= 0) {
      if (exited) pipe_open = false;
      continue;
    }
    const ssize_t n = read(read_fd, buffer.data(), buffer.size());
    if (n <= 0) {
      pipe_open = false;
      continue;
    }
    keep_output(spec, std::string_view(buffer.data(), static_cast<std::size_t>(n)), result);
  }
  return status;
}

}  // namespace

ProcessResult run_process(const ProcessSpec& spec) {
  ProcessResult result;
  std::vector<std::string> argv_strings = spec.argv;
  std::vector<std::string> env_strings = merged_environment(spec.env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    result.output = fmt::format("pipe: {}", std::strerror(errno));
    return result;
  }
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    result.output = fmt::format("fork: {}", std::strerror(errno));
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return result;
  }
  if (pid == 0) exec_child(spec, pipe_fds[1], argv.data(), envp.data());
  setpgid(pid, pid);  // also in the parent, so a kill before the child's own call still works
  close(pipe_fds[1]);
  result.started = true;
  const int status = pump_output(spec, pid, pipe_fds[0], start, result);
  close(pipe_fds[0]);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!result.timed_out) {
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  }
  return result;
}

std::string find_program(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const std::size_t colon = dirs.find(':');
    const std::filesystem::path candidate = std::filesystem::path(dirs.substr(0, colon)) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
  }
  return "";
}

}  // namespace grader
