#include "build/tree_build.hpp"

#include <cstdlib>
#include <functional>

#include <fmt/format.h>

#include "process/process.hpp"
#include "sandbox/sandbox.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kDiagnosticBytes = 16384;      // of a failed build, in the report
constexpr double kConfigureSeconds = 300;            // cmake's configure step, cold
constexpr std::size_t kBuildFileBytes = 1ull << 30;  // an object file or a suite binary
// A template bomb must not take the machine: a compiler gets this much address space.
constexpr std::size_t kBuildAddressSpace = 8ull << 30;

// Ninja's status lines look like "[12/40] Building CXX object
// .../suites/01-layout/extend_test.cpp.o": pass on "[12/40] extend_test.cpp.o", the count and the
// file being built.
std::function<void(std::string_view)> ninja_status(
    const std::function<void(const std::string&)>& progress) {
  if (!progress) return {};
  return [progress](std::string_view chunk) {
    const std::size_t open = chunk.rfind('[');
    const std::size_t close = chunk.find("] ", open);
    if (open == std::string_view::npos || close == std::string_view::npos) return;
    std::string_view rest = chunk.substr(close + 2);
    rest = rest.substr(0, rest.find('\n'));
    const std::size_t last_slash = rest.rfind('/');
    const std::size_t last_space = rest.rfind(' ');
    const std::size_t name_start =
        std::max(last_slash == std::string_view::npos ? 0 : last_slash + 1,
                 last_space == std::string_view::npos ? 0 : last_space + 1);
    progress(fmt::format("building {} {}", chunk.substr(open, close + 1 - open),
                         rest.substr(name_start)));
  };
}

// A build step's process: what the compiler may write, and how much memory it may take.
ProcessSpec build_step_spec(std::vector<std::string> argv, double timeout_seconds) {
  ProcessSpec spec;
  spec.argv = std::move(argv);
  spec.limits.wall_seconds = timeout_seconds;
  spec.limits.output_bytes = 4 * kDiagnosticBytes;
  spec.limits.file_bytes = kBuildFileBytes;
  spec.limits.address_space_bytes = kBuildAddressSpace;
  spec.env["CLICOLOR_FORCE"] = "0";
  return spec;
}

BuildReport run_build_step(ProcessSpec spec, const std::optional<SandboxPolicy>& sandbox) {
  const ProcessResult result = run_confined(std::move(spec), sandbox);
  BuildReport report;
  report.ok = result.succeeded();
  report.seconds = result.seconds;
  if (!report.ok) {
    std::string text = result.output;
    if (result.timed_out)
      text += fmt::format("\n[the build was stopped: it {}]", result.describe());
    report.diagnostics = truncate_utf8(text, kDiagnosticBytes);
  }
  return report;
}

// Returns: the compiler launcher the tree in `build_dir` was configured with ("" for none).
std::string configured_launcher(const fs::path& build_dir) {
  static const std::string kEntry = "CMAKE_CXX_COMPILER_LAUNCHER:";
  const std::string cache = read_file(build_dir / "CMakeCache.txt").value_or("");
  const std::size_t at = cache.find("\n" + kEntry);
  if (at == std::string::npos) return "";
  const std::size_t value = cache.find('=', at);
  return cache.substr(value + 1, cache.find('\n', value) - value - 1);
}

// clang with libc++: the compiler is named with its version because Debian installs clang
// that way, and libc++ is the version that compiler ships (libc++-16-dev).
constexpr const char* kClangCompiler = "clang++-16";
constexpr const char* kLibcxxFlag = "-stdlib=libc++";
// clang's sanitizer runtimes name functions and lines through llvm-symbolizer (GCC's have
// their own), and do not find Debian's on the PATH by themselves: their reports would be
// bare addresses. Its package, llvm-16, is one of scripts/setup --with-clang's.
constexpr const char* kClangSymbolizer = "/usr/lib/llvm-16/bin/llvm-symbolizer";
// libc++ keeps part of std::shared_ptr out of line, in libc++.so, which is not built with
// ThreadSanitizer: the last weak reference's decrement and the control block's delete happen
// there, unseen, and TSan reported the delete as racing with another thread's last strong
// release (09's reader/writer test, about one run in ten, on the reference solution).
// macOS's TSan ignores what uninstrumented libraries do by default, for this reason; here it
// must be asked to. Synchronization in those libraries (a mutex locked there) still counts.
constexpr const char* kLibcxxThreadSanitizerOptions = "ignore_noninstrumented_modules=1";

}  // namespace

TreeToolchain tree_toolchain_named(std::string_view name) {
  if (name.empty() || name == "gcc") return TreeToolchain{.name = "gcc"};
  if (name == "clang") {
    const std::string flag = kLibcxxFlag;
    return TreeToolchain{
        .name = "clang",
        .compiler = kClangCompiler,
        .cmake_args = {std::string("-DCMAKE_CXX_COMPILER=") + kClangCompiler,
                       "-DCMAKE_CXX_FLAGS=" + flag, "-DCMAKE_EXE_LINKER_FLAGS=" + flag,
                       "-DCMAKE_SHARED_LINKER_FLAGS=" + flag},
        .build_dir_suffix = "-clang",
        .sanitizer_options = std::string("external_symbolizer_path=") + kClangSymbolizer,
        .thread_sanitizer_options = kLibcxxThreadSanitizerOptions};
  }
  throw UsageError(fmt::format("{}={}: not a toolchain (gcc or clang)", kToolchainVariable, name));
}

const TreeToolchain& tree_toolchain() {
  static const TreeToolchain toolchain = [] {
    const char* name = std::getenv(kToolchainVariable);
    return tree_toolchain_named(name != nullptr ? name : "");
  }();
  return toolchain;
}

void require_installed(const TreeToolchain& toolchain) {
  if (toolchain.compiler.empty() || !find_program(toolchain.compiler).empty()) return;
  throw SetupError(
      fmt::format("{}={} needs {}, which is not installed: install it with "
                  "scripts/setup --with-{}",
                  kToolchainVariable, toolchain.name, toolchain.compiler, toolchain.name));
}

fs::path default_build_dir(const fs::path& course, const fs::path& tree) {
  const fs::path canonical_tree = fs::weakly_canonical(tree);
  const fs::path base = fs::weakly_canonical(course) / "build" / "trees";
  const std::string& suffix = tree_toolchain().build_dir_suffix;
  for (const char* known : {"exercises", "solutions"}) {
    if (canonical_tree == fs::weakly_canonical(course / known)) return base / (known + suffix);
  }
  const std::size_t hash = std::hash<std::string>{}(canonical_tree.string());
  return base /
         fmt::format("{}-{:08x}{}", canonical_tree.filename().string(), hash & 0xffffffffu, suffix);
}

BuildReport TreeBuild::configure() {
  const std::string launcher = cache_ ? cache_->program : std::string();
  if (fs::exists(paths_.build_dir / "build.ninja") &&
      configured_launcher(paths_.build_dir) == launcher) {
    // ninja's own check re-runs cmake when an input changed (a manifest edited, a file that
    // was missing now there), so the compile commands the tamper guard reads next are
    // those of the build that follows; with nothing changed it costs a few milliseconds.
    return run_step({"cmake", "--build", paths_.build_dir.string(), "--target", "build.ninja"},
                    kConfigureSeconds);
  }
  const TreeToolchain& toolchain = tree_toolchain();
  require_installed(toolchain);
  fs::create_directories(paths_.build_dir);
  std::vector<std::string> argv = {
      "cmake",
      "-S",
      (paths_.project / "cmake" / "tree").string(),
      "-B",
      paths_.build_dir.string(),
      "-G",
      "Ninja",
      "-DCMAKE_BUILD_TYPE=Debug",
      "-DMW_COURSE_ROOT=" + fs::weakly_canonical(paths_.course).string(),
      "-DMW_TREE=" + fs::weakly_canonical(paths_.tree).string()};
  for (std::string& arg : compiler_launcher_args(launcher)) argv.push_back(std::move(arg));
  argv.insert(argv.end(), toolchain.cmake_args.begin(), toolchain.cmake_args.end());
  return run_step(std::move(argv), kConfigureSeconds);
}

BuildReport TreeBuild::build_targets(const std::vector<std::string>& targets,
                                     double timeout_seconds) {
  std::vector<std::string> argv = {"cmake", "--build", paths_.build_dir.string()};
  if (jobs_ > 0) argv.insert(argv.end(), {"--parallel", std::to_string(jobs_)});
  argv.emplace_back("--target");
  argv.insert(argv.end(), targets.begin(), targets.end());
  return run_step(argv, timeout_seconds);
}

BuildReport TreeBuild::run_step(std::vector<std::string> argv, double timeout_seconds) const {
  ProcessSpec spec = build_step_spec(std::move(argv), timeout_seconds);
  spec.on_output = ninja_status(progress_);
  if (cache_) spec.env.merge(compiler_cache_env(*cache_));
  return run_build_step(std::move(spec), sandbox_);
}

ProcessResult TreeBuild::run_tool(std::vector<std::string> argv, const fs::path& cwd,
                                  double timeout_seconds, std::size_t output_bytes) const {
  ProcessSpec spec = build_step_spec(std::move(argv), timeout_seconds);
  spec.cwd = cwd;
  spec.limits.output_bytes = output_bytes;
  return run_confined(std::move(spec), sandbox_);
}

fs::path TreeBuild::suite_binary(const std::string& target) const {
  return paths_.build_dir / target;
}

std::string TreeBuild::compiler_identity() const {
  return read_file(paths_.build_dir / "compiler-identity.txt").value_or("unknown");
}

}  // namespace grader
