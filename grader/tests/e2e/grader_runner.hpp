// e2e/grader_runner.hpp — running the real grader binary on the fixture course, or on the
// real one.
//
// Most e2e tests grade a fixture submission: course/solutions/ with the files of
// submissions/<case>/ laid over it. All cases share one workspace and one build
// directory under E2E_CACHE_DIR (in the CMake build tree), so a case costs a rebuild
// of the files it changed, not a cold ASan+gtest build; ctest runs e2e tests serially.
// The real course's tests grade one exercise's solution with a bug put in by a text
// substitution (prepare_solution), each exercise in a workspace and build of its own.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace e2e {

/// The fixture course the grader is pointed at with --root.
std::filesystem::path course_dir();

/// How one grader process ended.
struct GraderRun {
  int exit_code = -1;            ///< -1 when it did not exit normally
  std::string out;               ///< standard output
  std::string err;               ///< standard error
  long peak_rss_kb = 0;          ///< the grader's own peak resident set (VmHWM), children excluded
  std::filesystem::path tmpdir;  ///< the TMPDIR it ran with, removed by the caller
  double seconds = 0;            ///< its wall time
};

/// Effects: runs `grader --root <root> <args...>` with TMPDIR set to a fresh
/// directory and `env` added to (or replacing in) its environment, its output captured,
/// and waits for it.
/// Returns: how it ended. Requires: the grader binary was built.
GraderRun run_grader(const std::vector<std::string>& args,
                     const std::filesystem::path& root = course_dir(),
                     const std::map<std::string, std::string>& env = {});

/// Effects: makes the shared workspace hold course/solutions/ with
/// submissions/<submission>/ laid over it ("" for the plain solutions),
/// rewriting only the files whose content differs.
/// Returns: the workspace directory.
std::filesystem::path prepare_workspace(const std::string& submission);

/// Effects: makes <E2E_CACHE_DIR>/<name> a copy of the fixture course without the paths
/// in `without` and with `overlay` (relative path -> content) laid over it, rewriting only
/// the files whose content differs and keeping the copy's own build/ (so a second grading
/// of it is incremental).
/// Returns: the copy's root, to pass as --root.
std::filesystem::path prepare_course(
    const std::string& name, const std::map<std::filesystem::path, std::string>& overlay = {},
    const std::vector<std::filesystem::path>& without = {});

/// Returns: the shared build directory, passed as --build-dir.
std::filesystem::path build_dir();

/// The checkout this test was built from: the real course, given as --root.
std::filesystem::path project_dir();

/// A bug put into a solution: `from`, which must occur exactly once in `file`, becomes `to`.
struct Substitution {
  std::string file;  ///< relative to the exercise's directory
  std::string from;
  std::string to;
};

/// A graded tree of the real course and its own build directory.
struct Tree {
  std::filesystem::path workspace;
  std::filesystem::path build;
};

/// Effects: makes exercise `id`'s workspace (under E2E_CACHE_DIR) hold solutions/<id>/ of
/// the real course with `bugs` applied, rewriting only the files whose content differs.
/// Returns: the workspace and its build directory.
/// Throws: std::runtime_error when a substitution's `from` is not in its file exactly once
/// (the solution changed: the test would no longer test that bug).
Tree prepare_solution(const std::string& id, const std::vector<Substitution>& bugs = {});

/// One `grader check --format json` and the report it wrote.
struct Graded {
  GraderRun run;
  std::filesystem::path report_file;
  nlohmann::json report;
};

/// Effects: runs `grader --root <root> check --workspace <tree.workspace> --build-dir
/// <tree.build> --format json --output <report_path(report_name)> <extra...>`, and expects
/// (gtest) what every grading leaves: a report that follows the schema, no process
/// mentioning E2E_CACHE_DIR, an empty TMPDIR (then removed).
Graded check(const Tree& tree, const std::string& report_name,
             const std::vector<std::string>& extra = {},
             const std::filesystem::path& root = course_dir());

/// Returns: exercise `id` of `report`. Throws: std::runtime_error when it has none.
const nlohmann::json& exercise(const nlohmann::json& report, const std::string& id);

/// Returns: test `name` of `exercise`. Throws: std::runtime_error when it has none.
const nlohmann::json& test_of(const nlohmann::json& exercise, const std::string& name);

/// Returns: a fresh path for a report, in a directory removed at exit.
std::filesystem::path report_path(const std::string& name);

/// Returns: the processes whose command line mentions `text` (zombies excluded),
/// after giving killed ones a second to go.
std::vector<pid_t> processes_mentioning(const std::string& text);

/// Returns: "" when python3-jsonschema accepts every report against
/// grader/report.schema.json, "skip" when it is not installed, else its complaint.
std::string schema_problems(const std::vector<std::filesystem::path>& reports);

/// Returns: the file's contents.
std::string read_file(const std::filesystem::path& path);

/// Effects: copies the tree `from` into `to` (made if absent), overwriting what is there.
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

/// Effects: writes the .zip `zip` holding one entry, `entry`, with the bytes of `source`.
/// Requires: python3 (its zipfile module makes the archive as students' tools do).
void zip_file(const std::filesystem::path& zip, const std::string& entry,
              const std::filesystem::path& source);

/// Returns: the lines of `text`, each without its line end (LF or CRLF).
std::vector<std::string> lines_of(const std::string& text);

}  // namespace e2e
