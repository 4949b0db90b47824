#include "guard/tamper_guard.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "guard/guard_memo.hpp"
#include "guard/preprocessed.hpp"
#include "guard/rules.hpp"
#include "guard/symbols.hpp"
#include "util/file.hpp"
#include "util/sha256.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr const char* kGuardDir = "guard";       // in the build directory: the `-E` outputs
constexpr std::size_t kToolOutputBytes = 16384;  // a failed `-E`'s diagnostics, kept unread
// `nm -g -C` of one exercise's learner objects; more than this is refused, not half-read.
constexpr std::size_t kSymbolOutputBytes = 64u << 20;

bool is_source(const fs::path& file) {
  const std::string extension = file.extension().string();
  return extension == ".cpp" || extension == ".cc";
}

// Whether `target` is one of exercise `id`'s learner libraries (every build variant) or its
// freestanding objects: what compiles a learner source.
bool compiles_learner_sources(const std::string& target, const std::string& id) {
  return target == "lib-" + id || target.starts_with("lib-" + id + "--") ||
         target == "freestanding-" + id;
}

// The targets whose flags a learner header is preprocessed with, best first: the learner
// library's (each variant), else the hidden suite's, else the visible tests'.
std::vector<std::string> header_target_kinds(const std::string& id) {
  return {"lib-" + id, "suite-" + id, "visible-" + id};
}

bool is_target_of(const std::string& target, const std::string& base) {
  return target == base || target.starts_with(base + "--");
}

}  // namespace

TamperGuard::TamperGuard(const TreeBuild& build, const fs::path& workspace, const fs::path& course)
    : build_(build), workspace_(fs::weakly_canonical(workspace)), course_(course) {
  if (std::optional<std::string> json =
          read_file(build.paths().build_dir / "compile_commands.json"))
    commands_ = parse_compile_commands(*json);
}

bool TamperGuard::is_learner(const fs::path& file, const Manifest& manifest) const {
  if (file.empty() || file.string().front() == '<') return false;  // <built-in>, <command-line>
  const fs::path normal = file.lexically_normal();
  const fs::path inside = normal.lexically_relative(workspace_);
  if (inside.empty() || *inside.begin() == ".." || *inside.begin() == ".") return false;
  // A given file is the course's own, also where the graded tree is the course's exercises/.
  const fs::path exercise = fs::weakly_canonical(course_ / "exercises" / manifest.id);
  return std::none_of(manifest.given.begin(), manifest.given.end(), [&](const std::string& given) {
    return (exercise / given).lexically_normal() == normal;
  });
}

fs::path TamperGuard::guard_dir(const Manifest& manifest) const {
  // Absolute: the compiler writes its `-E` output here from the build's own directory.
  return fs::absolute(build_.paths().build_dir) / kGuardDir / manifest.id;
}

std::string TamperGuard::relative(const fs::path& file) const {
  return fs::path(file).lexically_normal().lexically_relative(workspace_).string();
}

std::vector<TamperGuard::Job> TamperGuard::preprocess_jobs(const Manifest& manifest,
                                                           bool& complete) const {
  std::vector<Job> jobs;
  for (const std::string& name : manifest.files) {
    const fs::path file = (workspace_ / manifest.id / name).lexically_normal();
    const std::size_t before = jobs.size();
    if (is_source(file)) {
      for (const CompileCommand& command : commands_) {
        if (command.file.lexically_normal() == file &&
            compiles_learner_sources(command.target(), manifest.id))
          jobs.push_back({.source = file, .command = &command});
      }
    }
    for (const std::string& kind :
         is_source(file) ? std::vector<std::string>{} : header_target_kinds(manifest.id)) {
      std::set<std::string> seen;  // one command per target: one per build variant
      for (const CompileCommand& command : commands_) {
        const std::string target = command.target();
        if (is_target_of(target, kind) && seen.insert(target).second)
          jobs.push_back({.source = file, .command = &command});
      }
      if (jobs.size() > before) break;
    }
    complete = complete && jobs.size() > before;
  }
  return jobs;
}

std::string TamperGuard::check_one(const Job& job, const fs::path& output, const Manifest& manifest,
                                   std::vector<std::string>& scanned, bool& checked) const {
  const ProcessResult result =
      build_.run_tool(preprocess_argv(*job.command, job.source, output), job.command->directory,
                      manifest.build_seconds, kToolOutputBytes);
  const std::optional<std::string> text = result.succeeded() ? read_file(output) : std::nullopt;
  std::error_code ignored;
  fs::remove(output, ignored);
  if (!text) {
    checked = false;
    return {};
  }
  const PreprocessedScan scan = scan_preprocessed(*text, [&](const std::string& file) {
    return is_learner(job.command->directory / file, manifest);
  });
  if (std::optional<Finding> finding = first_forbidden(scan, GuardRules(manifest.tamper))) {
    finding->file = relative(job.command->directory / finding->file);
    return finding_message(*finding);
  }
  // Every learner file the compiler read, listed or not, may hold no line directive.
  for (const std::string& file : scan.learner_files) {
    const fs::path path = (job.command->directory / file).lexically_normal();
    if (std::find(scanned.begin(), scanned.end(), path.string()) != scanned.end()) continue;
    scanned.push_back(path.string());
    const std::optional<std::string> source = read_file(path);
    if (std::optional<Finding> finding = source ? first_line_directive(*source) : std::nullopt) {
      finding->file = relative(path);
      return finding_message(*finding);
    }
  }
  return {};
}

GuardVerdict TamperGuard::check_sources(const Manifest& manifest) const {
  bool complete = true;
  const std::vector<Job> jobs = preprocess_jobs(manifest, complete);
  const GuardMemo memo(guard_dir(manifest) / "sources.json", memo_key(manifest, jobs, complete));
  if (std::optional<GuardAnswer> known = memo.recall())
    return GuardVerdict{.refused = std::move(known->refused)};
  std::vector<std::string> scanned;
  GuardVerdict verdict = check_now(manifest, jobs, scanned);
  verdict.checked = verdict.checked && complete;
  if (verdict.checked)
    memo.remember({.refused = verdict.refused,
                   .files_read = std::vector<fs::path>(scanned.begin(), scanned.end())});
  return verdict;
}

std::string TamperGuard::memo_key(const Manifest& manifest, const std::vector<Job>& jobs,
                                  bool complete) const {
  Sha256 key;
  key.field(read_file(manifest.path).value_or("")).field(build_.compiler_identity());
  key.field(complete ? "complete" : "incomplete").field(tree_listing(workspace_));
  for (const Job& job : jobs) {
    key.field(job.source.string()).field(job.command->directory.string());
    for (const std::string& arg : job.command->argv) key.field(arg);
  }
  return key.hex();
}

GuardVerdict TamperGuard::check_now(const Manifest& manifest, const std::vector<Job>& jobs,
                                    std::vector<std::string>& scanned) const {
  GuardVerdict verdict;
  // The listed files first: a line directive is refused before anything is preprocessed.
  for (const std::string& name : manifest.files) {
    const fs::path path = (workspace_ / manifest.id / name).lexically_normal();
    scanned.push_back(path.string());
    const std::optional<std::string> source = read_file(path);
    if (std::optional<Finding> finding = source ? first_line_directive(*source) : std::nullopt) {
      finding->file = relative(path);
      return GuardVerdict{.refused = finding_message(*finding)};
    }
  }
  const fs::path dir = guard_dir(manifest);
  fs::create_directories(dir);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    verdict.refused =
        check_one(jobs[i], dir / fmt::format("{}.ii", i), manifest, scanned, verdict.checked);
    if (!verdict.refused.empty()) return verdict;
  }
  return verdict;
}

std::string TamperGuard::audit_objects(const Manifest& manifest) const {
  std::vector<std::string> argv = {"nm", "-g", "-C"};
  std::vector<fs::path> sources;
  Sha256 key;
  for (const CompileCommand& command : commands_) {
    if (!is_target_of(command.target(), "lib-" + manifest.id) || command.output.empty() ||
        !is_learner(command.file, manifest))
      continue;
    argv.push_back((command.directory / command.output).string());
    sources.push_back(command.file);
    key.field(argv.back()).field(file_identity(argv.back()));
  }
  if (sources.empty()) return {};
  key.field(read_file(manifest.path).value_or(""));
  const GuardMemo memo(guard_dir(manifest) / "objects.json", key.hex());
  if (std::optional<GuardAnswer> known = memo.recall()) return known->refused;
  const ProcessResult result =
      build_.run_tool(argv, build_.paths().build_dir, manifest.build_seconds, kSymbolOutputBytes);
  if (!result.succeeded() || result.output_total > result.output.size()) {
    return fmt::format("{}: the tamper guard could not list the symbols of its objects ({})",
                       manifest.id, result.describe());
  }
  std::string refused = symbol_finding(result.output, manifest, argv, sources);
  memo.remember({.refused = refused});
  return refused;
}

std::string TamperGuard::symbol_finding(const std::string& nm_output, const Manifest& manifest,
                                        const std::vector<std::string>& argv,
                                        const std::vector<fs::path>& sources) const {
  const std::optional<SymbolFinding> finding =
      first_forbidden_symbol(parse_nm(nm_output), GuardRules(manifest.tamper));
  if (!finding) return {};
  fs::path source = sources.front();
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (argv[3 + i] == finding->object) source = sources[i];
  }
  return fmt::format("{}: {}, which the tamper guard forbids", relative(source), finding->what);
}

}  // namespace grader
