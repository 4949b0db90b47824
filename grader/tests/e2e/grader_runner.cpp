#include "grader_runner.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path make_temp_dir(const std::string& prefix) {
  std::string pattern = (fs::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern);
  return pattern;
}

// Report files of this test process, removed when it exits.
struct ReportDir {
  fs::path path = make_temp_dir("grader-e2e-reports-");
  ~ReportDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// The grader's own peak resident set in kB, or 0 once it is gone.
long peak_rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// The relative path -> source file of every file of `tree`, recursively.
void collect(const fs::path& tree, std::map<fs::path, fs::path>& files) {
  for (const auto& entry : fs::recursive_directory_iterator(tree)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), tree)] = entry.path();
  }
}

// Returns: whether the relative path `path` is `dir` or lies under it.
bool is_under(const fs::path& path, const fs::path& dir) {
  return std::mismatch(dir.begin(), dir.end(), path.begin(), path.end()).first == dir.end();
}

// Makes `workspace` hold exactly `wanted` (relative path -> content), rewriting only the
// files whose content differs, so that the next grading rebuilds only what changed. What
// lies under `kept` (relative; none when empty) stays as it is.
void sync_files(const fs::path& workspace, const std::map<fs::path, std::string>& wanted,
                const fs::path& kept = {}) {
  fs::create_directories(workspace);
  std::map<fs::path, fs::path> present;
  collect(workspace, present);
  for (const auto& [relative, file] : present) {
    if (wanted.count(relative) == 0 && (kept.empty() || !is_under(relative, kept)))
      fs::remove(file);
  }
  for (const auto& [relative, text] : wanted) {
    const fs::path target = workspace / relative;
    if (fs::exists(target) && read_file(target) == text) continue;  // unchanged: no rebuild
    fs::create_directories(target.parent_path());
    std::ofstream(target, std::ios::binary | std::ios::trunc) << text;
  }
}

// Returns: `text` with its one occurrence of `bug.from` replaced by `bug.to`.
std::string substituted(std::string text, const Substitution& bug) {
  const std::size_t at = text.find(bug.from);
  if (at == std::string::npos || text.find(bug.from, at + 1) != std::string::npos)
    throw std::runtime_error("not exactly once in " + bug.file + ": " + bug.from);
  return text.replace(at, bug.from.size(), bug.to);
}

}  // namespace

fs::path course_dir() {
  return fs::path(FIXTURES_DIR) / "course";
}

fs::path build_dir() {
  return fs::path(E2E_CACHE_DIR) / "build";
}

fs::path project_dir() {
  return PROJECT_DIR;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void zip_file(const fs::path& zip, const std::string& entry, const fs::path& source) {
  const std::string command = std::string(PYTHON3) +
                              " -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); "
                              "z.write(sys.argv[2],sys.argv[3]); z.close()\" '" +
                              zip.string() + "' '" + source.string() + "' '" + entry + "'";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

GraderRun run_grader(const std::vector<std::string>& args, const fs::path& root,
                     const std::map<std::string, std::string>& env) {
  GraderRun run;
  run.tmpdir = make_temp_dir("grader-e2e-tmp-");
  const fs::path out = run.tmpdir.string() + ".out";
  const fs::path err = run.tmpdir.string() + ".err";
  std::vector<std::string> argv = {GRADER_BINARY, "--root", root.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    setenv("TMPDIR", run.tmpdir.c_str(), 1);
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    execv(c_argv[0], c_argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    run.peak_rss_kb = std::max(run.peak_rss_kb, peak_rss_kb(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(out);
  run.err = read_file(err);
  fs::remove(out);
  fs::remove(err);
  return run;
}

fs::path prepare_workspace(const std::string& submission) {
  const fs::path workspace = fs::path(E2E_CACHE_DIR) / "workspace";
  std::map<fs::path, fs::path> sources;
  collect(course_dir() / "solutions", sources);
  if (!submission.empty()) collect(fs::path(FIXTURES_DIR) / "submissions" / submission, sources);
  std::map<fs::path, std::string> wanted;
  for (const auto& [relative, source] : sources) wanted[relative] = read_file(source);
  sync_files(workspace, wanted);
  return workspace;
}

fs::path prepare_course(const std::string& name, const std::map<fs::path, std::string>& overlay,
                        const std::vector<fs::path>& without) {
  const fs::path root = fs::path(E2E_CACHE_DIR) / name;
  const fs::path build = "build";  // the copy's own, kept; the fixture's, never copied
  std::map<fs::path, fs::path> sources;
  collect(course_dir(), sources);
  std::map<fs::path, std::string> wanted;
  for (const auto& [relative, source] : sources) {
    const auto left_out = [&](const fs::path& dir) { return is_under(relative, dir); };
    if (!left_out(build) && std::none_of(without.begin(), without.end(), left_out))
      wanted[relative] = read_file(source);
  }
  for (const auto& [relative, text] : overlay) wanted[relative] = text;
  sync_files(root, wanted, build);
  return root;
}

Tree prepare_solution(const std::string& id, const std::vector<Substitution>& bugs) {
  const Tree tree{.workspace = fs::path(E2E_CACHE_DIR) / ("workspace-" + id),
                  .build = fs::path(E2E_CACHE_DIR) / ("build-" + id)};
  const fs::path solution = project_dir() / "solutions" / id;
  std::map<fs::path, fs::path> sources;
  collect(solution, sources);
  std::map<fs::path, std::string> wanted;
  for (const auto& [relative, source] : sources) wanted[id / relative] = read_file(source);
  for (const Substitution& bug : bugs) {
    const auto file = wanted.find(id / fs::path(bug.file));
    if (file == wanted.end()) throw std::runtime_error("no file " + bug.file + " in " + id);
    file->second = substituted(file->second, bug);
  }
  sync_files(tree.workspace, wanted);
  return tree;
}

Graded check(const Tree& tree, const std::string& report_name,
             const std::vector<std::string>& extra, const fs::path& root) {
  Graded g;
  g.report_file = report_path(report_name);
  std::vector<std::string> args = {"check",       "--workspace",       tree.workspace.string(),
                                   "--build-dir", tree.build.string(), "--format",
                                   "json",        "--output",          g.report_file.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  g.run = run_grader(args, root);
  EXPECT_TRUE(fs::exists(g.report_file)) << g.run.err;
  g.report = json::parse(read_file(g.report_file), nullptr, false);
  // Nothing left behind: no process of the graded tree, no scratch directory.
  EXPECT_EQ(processes_mentioning(E2E_CACHE_DIR).size(), 0u);
  EXPECT_TRUE(fs::is_empty(g.run.tmpdir)) << "the grader left files in its TMPDIR";
  fs::remove_all(g.run.tmpdir);
  const std::string schema = schema_problems({g.report_file});
  if (schema != "skip") EXPECT_EQ(schema, "");
  return g;
}

const json& exercise(const json& report, const std::string& id) {
  for (const json& e : report.at("exercises")) {
    if (e.at("id") == id) return e;
  }
  throw std::runtime_error("no exercise " + id + " in the report");
}

const json& test_of(const json& exercise, const std::string& name) {
  for (const json& t : exercise.at("tests")) {
    if (t.at("name") == name) return t;
  }
  throw std::runtime_error("no test " + name + " in the report");
}

fs::path report_path(const std::string& name) {
  static const ReportDir dir;
  return dir.path / name;
}

std::vector<pid_t> processes_mentioning(const std::string& text) {
  std::vector<pid_t> found;
  for (int attempt = 0; attempt < 10; ++attempt) {
    found.clear();
    for (const auto& entry : fs::directory_iterator("/proc")) {
      const std::string name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      if (read_file(entry.path() / "cmdline").find(text) != std::string::npos)
        found.push_back(std::stoi(name));
    }
    if (found.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return found;
}

std::string schema_problems(const std::vector<fs::path>& reports) {
  const fs::path log = report_path("schema-check.log");
  std::string command = std::string(PYTHON3) + " " + REPORT_VALIDATOR + " " + REPORT_SCHEMA;
  for (const fs::path& r : reports) command += " '" + r.string() + "'";
  const int status = std::system((command + " 2>'" + log.string() + "'").c_str());
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77) return "skip";
  const std::string problem = read_file(log);
  return problem.empty() ? "the validator failed to run" : problem;
}

}  // namespace e2e
