#include "run/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

#include <fmt/format.h>

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;

void set_limit(int resource, rlim_t value) {
  const rlimit limit{value, value};
  setrlimit(resource, &limit);
}

// Runs in the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const ProcessSpec& spec, int output_fd, char* const* argv,
                             char* const* envp) {
  setpgid(0, 0);
  const int null_fd = open("/dev/null", O_RDONLY);
  dup2(null_fd, STDIN_FILENO);
  dup2(output_fd, STDOUT_FILENO);
  dup2(output_fd, STDERR_FILENO);
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

  const auto deadline = start + std::chrono::duration<double>(spec.limits.wall_seconds);
  // A process that left the group (setsid) may hold the pipe open forever:
  // once the child has exited, drain for at most this long.
  constexpr auto kDrainAfterExit = std::chrono::seconds(2);
  auto drain_deadline = Clock::time_point::max();
  int status = 0;
  bool exited = false;
  bool pipe_open = true;
  char buffer[65536];
  // Read until the child has exited and the pipe is drained. Once the child
  // is gone, anything still holding the pipe is a leftover of its group: kill it.
  while (pipe_open || !exited) {
    if (!exited && waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      kill(-pid, SIGKILL);
      drain_deadline = Clock::now() + kDrainAfterExit;
    }
    if (!exited && Clock::now() >= deadline) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      exited = true;
      drain_deadline = Clock::now() + kDrainAfterExit;
    }
    if (exited && Clock::now() >= drain_deadline) break;
    if (!pipe_open) {
      if (!exited) usleep(10000);
      continue;
    }
    pollfd fd{pipe_fds[0], POLLIN, 0};
    if (poll(&fd, 1, exited ? 100 : 20) <= 0) {
      if (exited) pipe_open = false;  // nothing more within 100 ms of its exit
      continue;
    }
    const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n <= 0) {
      pipe_open = false;
      continue;
    }
    result.output_total += static_cast<std::size_t>(n);
    const std::size_t room =
        spec.limits.output_bytes - std::min(spec.limits.output_bytes, result.output.size());
    result.output.append(buffer, std::min(room, static_cast<std::size_t>(n)));
    if (spec.on_output) spec.on_output(std::string_view(buffer, static_cast<std::size_t>(n)));
  }
  close(pipe_fds[0]);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!result.timed_out) {
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  }
  return result;
}

}  // namespace grader
