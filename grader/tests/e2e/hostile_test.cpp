// End-to-end: the hostile-submission corpus (fixtures/hostile/<case>/, see its README)
// graded with `grader check --sandbox`. Each case holds the files a submission laid
// over course/solutions/ and an expected.json:
//   why               one line: what the submission tries (read by people, not by the test)
//   sandbox_only      skip the case (never pass it) where bubblewrap cannot run
//   needs_process_cap skip it too where no pids cgroup can cap the run's processes
//   exercises         {id: {status, tests: {name or "*": status or [statuses, any of them]},
//                     message_contains,
//                     diagnostics_contain}}; an exercise not named keeps its status with
//                     the solutions, a test not named is passed (not_run in a build_error
//                     or a refused exercise: the tamper guard refused it before its build)
//   report_excludes   strings the report must not hold (what a leak would show)
//   grader_max_rss_mb the grader's own peak memory
//   max_seconds       the grader's wall time (default 120)
//   non_utf8_names    the graded tree's name and one of its files are not UTF-8
//   listen            a server listens on the host's loopback (port in HOSTILE_PORT):
//                     no connection may reach it
// Every case also checks: exit code 0, a report valid against the schema, nothing left
// running, no file named mw-hostile* anywhere it could write, the canary (its path in
// HOSTILE_CANARY) unchanged, and the grader's TMPDIR empty.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "grader_runner.hpp"
#include "sandbox/run_cgroups.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path hostile_dir() {
  return fs::path(FIXTURES_DIR) / "hostile";
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(hostile_dir())) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Whether bubblewrap confines here as the grader asks it to (the same namespaces).
bool sandbox_works() {
  static const bool works =
      std::system(
          "bwrap --unshare-all --unshare-user --uid 65534 --gid 65534 --cap-drop ALL "
          "--die-with-parent --ro-bind / / --dev /dev --proc /proc true "
          ">/dev/null 2>&1") == 0;
  return works;
}

// Makes `workspace` hold course/solutions/ with the case's files laid over it, links kept
// as links, rewriting only what differs so that a case rebuilds only what it changed.
void sync_workspace(const fs::path& workspace, const fs::path& case_dir) {
  std::map<fs::path, fs::path> wanted;
  for (const fs::path& tree : {course_dir() / "solutions", case_dir}) {
    for (const auto& entry : fs::recursive_directory_iterator(tree)) {
      if (entry.is_symlink() || entry.is_regular_file())
        wanted[entry.path().lexically_relative(tree)] = entry.path();
    }
  }
  wanted.erase("expected.json");
  fs::create_directories(workspace);
  for (auto it = fs::recursive_directory_iterator(workspace);
       it != fs::recursive_directory_iterator(); ++it) {
    if (!it->is_directory() && wanted.count(it->path().lexically_relative(workspace)) == 0) {
      fs::remove(it->path());
    }
  }
  for (const auto& [relative, source] : wanted) {
    const fs::path target = workspace / relative;
    fs::create_directories(target.parent_path());
    if (fs::is_symlink(source)) {
      if (fs::is_symlink(target) && fs::read_symlink(target) == fs::read_symlink(source)) continue;
      fs::remove(target);
      fs::create_symlink(fs::read_symlink(source), target);
      continue;
    }
    const std::string text = read_file(source);
    if (!fs::is_symlink(target) && fs::exists(target) && read_file(target) == text) continue;
    fs::remove(target);
    std::ofstream(target, std::ios::binary) << text;
  }
}

// Every file or directory under `roots` (recursively; only the top of /tmp and /var/tmp)
// whose name starts with "mw-hostile".
std::vector<fs::path> planted_files(const std::vector<fs::path>& roots) {
  std::vector<fs::path> found;
  auto check = [&found](const fs::path& path) {
    if (path.filename().string().rfind("mw-hostile", 0) == 0) found.push_back(path);
  };
  for (const fs::path& root : roots) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      check(it->path());
  }
  for (const fs::path& top : {fs::path("/tmp"), fs::path("/var/tmp")}) {
    for (const auto& entry : fs::directory_iterator(top)) check(entry.path());
  }
  return found;
}

// A TCP server on the host's loopback that never accepts: a connection would wait in its queue.
struct Listener {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int port = 0;
  Listener() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
      throw std::runtime_error("cannot listen on the loopback");
    port = ntohs(address.sin_port);
  }
  ~Listener() { close(fd); }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  bool reached() const {
    const int connection = accept(fd, nullptr, nullptr);
    if (connection >= 0) close(connection);
    return connection >= 0;
  }
};

const json* find_by(const json& list, const std::string& key, const std::string& value) {
  for (const json& item : list) {
    if (item.at(key) == value) return &item;
  }
  return nullptr;
}

// The report's verdicts against the case's expectations (see the top of this file).
void expect_verdicts(const json& report, const json& expected) {
  const std::map<std::string, std::string> baseline = {
      {"01-arith", "passed"}, {"02-greet", "passed"}, {"03-broken", "not_run"}};
  ASSERT_EQ(report.at("exercises").size(), baseline.size());
  for (const auto& [id, usual] : baseline) {
    SCOPED_TRACE(id);
    const json* e = find_by(report.at("exercises"), "id", id);
    ASSERT_NE(e, nullptr);
    const json want = expected.at("exercises").value(id, json::object());
    const std::string status = want.value("status", usual);
    EXPECT_EQ(e->at("status"), status) << e->dump(2).substr(0, 3000);
    const json tests = want.value("tests", json::object());
    for (const json& t : e->at("tests")) {
      const std::string name = t.at("name");
      const bool never_run = status == "build_error" || status == "refused";
      json allowed = tests.value(name, tests.value("*", json(never_run ? "not_run" : "passed")));
      if (!allowed.is_array()) allowed = json::array({allowed});
      EXPECT_NE(std::find(allowed.begin(), allowed.end(), t.at("status")), allowed.end())
          << name << " is " << t.at("status") << ", expected one of " << allowed.dump() << ": "
          << t.at("message");
    }
    for (const auto& [name, unused] : tests.items()) {
      if (name != "*") EXPECT_NE(find_by(e->at("tests"), "name", name), nullptr) << name;
    }
    // A refused exercise scores nothing, whatever its tests would have done.
    if (status == "refused") EXPECT_EQ(e->at("score"), 0);
    if (want.contains("message_contains")) {
      const std::string message = e->value("message", "");
      EXPECT_NE(message.find(want.at("message_contains").get<std::string>()), std::string::npos)
          << message;
    }
    if (want.contains("diagnostics_contain")) {
      const std::string diagnostics = e->at("build").value("diagnostics", "");
      EXPECT_NE(diagnostics.find(want.at("diagnostics_contain").get<std::string>()),
                std::string::npos)
          << diagnostics;
    }
  }
}

class Hostile : public testing::TestWithParam<std::string> {};

TEST_P(Hostile, Contained) {
  const fs::path case_dir = hostile_dir() / GetParam();
  const json expected = json::parse(read_file(case_dir / "expected.json"));
  const bool sandboxed = sandbox_works();
  if (expected.value("sandbox_only", false) && !sandboxed)
    GTEST_SKIP() << "bubblewrap cannot run here, and this case is only safe in its sandbox";
  // As root, only a pids cgroup bounds a fork bomb: without one it would take every PID
  // of the machine until its deadline.
  if (expected.value("needs_process_cap", false) && !grader::RunCgroups(1).caps_processes())
    GTEST_SKIP() << "no writable pids cgroup here, and this case is only safe with one";

  const fs::path cache = E2E_CACHE_DIR;
  // A tree and a file whose names are not UTF-8 (as a directory submission may have them)
  // get a build directory of their own: one is configured for one tree.
  const bool odd_names = expected.value("non_utf8_names", false);
  const fs::path workspace =
      cache / (odd_names ? std::string("hostile-workspace-\xff\xfe") : "hostile-workspace");
  const fs::path build = cache / (odd_names ? "hostile-build-non-utf8" : "hostile-build");
  sync_workspace(workspace, case_dir);
  if (odd_names) std::ofstream(workspace / "01-arith" / "notes-\xc3\x28.txt") << "notes\n";
  const fs::path canary = cache / "hostile-canary" / "canary.txt";
  fs::create_directories(canary.parent_path());
  std::ofstream(canary) << "canary\n";
  setenv("HOSTILE_CANARY", canary.c_str(), 1);
  std::optional<Listener> server;
  if (expected.value("listen", false)) {
    server.emplace();
    setenv("HOSTILE_PORT", std::to_string(server->port).c_str(), 1);
  }

  const fs::path report_file = report_path("hostile-" + GetParam() + ".json");
  const auto start = std::chrono::steady_clock::now();
  const GraderRun run =
      run_grader({"check", "--workspace", workspace.string(), "--build-dir", build.string(),
                  "--sandbox", "--no-cache", "--format", "json", "--output", report_file.string()});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  unsetenv("HOSTILE_PORT");

  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_LT(seconds, expected.value("max_seconds", 120.0));
  // Without a sandbox, one warning line for the whole run; with one, none.
  std::size_t warnings = 0;
  for (std::size_t at = run.err.find("without a sandbox"); at != std::string::npos;
       at = run.err.find("without a sandbox", at + 1))
    ++warnings;
  EXPECT_EQ(warnings, sandboxed ? 0u : 1u) << run.err;
  if (expected.contains("grader_max_rss_mb")) {
    EXPECT_LT(run.peak_rss_kb, expected.at("grader_max_rss_mb").get<long>() * 1024);
  }
  EXPECT_EQ(processes_mentioning(build.string()).size(), 0u) << "left running";
  EXPECT_EQ(processes_mentioning(workspace.string()).size(), 0u) << "left running";
  EXPECT_TRUE(fs::is_empty(run.tmpdir)) << "the grader left files in its TMPDIR";
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(read_file(canary), "canary\n");
  for (const fs::path& planted :
       planted_files({course_dir(), workspace, build, canary.parent_path()}))
    ADD_FAILURE() << "written by the submission: " << planted;
  if (server) EXPECT_FALSE(server->reached()) << "a connection reached the host's loopback";

  ASSERT_TRUE(fs::exists(report_file)) << run.err;
  const std::string text = read_file(report_file);
  const json report = json::parse(text, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << text.substr(0, 2000);
  const std::string schema = schema_problems({report_file});
  if (schema != "skip") EXPECT_EQ(schema, "");
  for (const json& leak : expected.value("report_excludes", json::array())) {
    EXPECT_EQ(text.find(leak.get<std::string>()), std::string::npos) << leak;
  }
  expect_verdicts(report, expected);
  if (odd_names) {
    const std::string shown = report.at("workspace");
    EXPECT_NE(shown.find("\uFFFD"), std::string::npos) << "the bad bytes are replaced: " << shown;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, Hostile, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace e2e
