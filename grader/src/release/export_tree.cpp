#include "release/export_tree.hpp"

#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <string_view>

#include <fmt/format.h>

#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// The top-level parts of a course a learner gets, besides exercises/ (its stub
// directories only) and grader/ (less its mutants, and its suites when they are
// withheld). Naming what ships, rather than what does not, keeps anything new an
// instructor adds out of releases until it is listed here. benchmarks/ ships: the exercises'
// READMEs send the learner there, and in a release it is built from their exercises/. Not shipped:
// solutions/; .ci/, which runs `grader verify` on solutions/; build/ and .git.
constexpr std::array<std::string_view, 13> kShipped = {
    "README.md",   "CMakeLists.txt", "CMakePresets.json", ".clang-format",
    ".clang-tidy", ".gitignore",     "lessons",           "docs",
    "common",      "cmake",          "scripts",           "grader",
    "benchmarks"};

// What is never copied, at any depth: a course's build output (its build/ beside its
// exercises/, as the fixture course has) or any other configured CMake build, version
// control, and a learner's progress file left by the instructor's own grading.
bool never_shipped(const fs::path& path) {
  const fs::path name = path.filename();
  if (name == "build" && fs::is_directory(path.parent_path() / "exercises")) return true;
  return name == ".git" || name == ".grader-state.json" || name == "__pycache__" ||
         name == "compile_commands.json" || fs::exists(path / "CMakeCache.txt");
}

// Copies `from` (a file, a symbolic link, or a directory, recursively) to `to`, skipping
// never_shipped names and the paths in `skip`.
// Returns: the number of files and links written.
std::size_t copy_tree(const fs::path& from, const fs::path& to,
                      const std::vector<fs::path>& skip = {}) {
  if (never_shipped(from) || std::find(skip.begin(), skip.end(), from) != skip.end()) return 0;
  const fs::file_status status = fs::symlink_status(from);
  if (fs::is_symlink(status)) {
    fs::copy_symlink(from, to);
    return 1;
  }
  if (!fs::is_directory(status)) {
    fs::copy_file(from, to);  // keeps the permission bits: scripts stay executable
    return 1;
  }
  fs::create_directory(to, from);
  std::size_t files = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(from))
    files += copy_tree(entry.path(), to / entry.path().filename(), skip);
  return files;
}

void check_request(const fs::path& course, const fs::path& out) {
  if (fs::exists(out) && !(fs::is_directory(out) && fs::is_empty(out))) {
    throw UsageError(fmt::format("--out '{}' exists and is not an empty directory; name a new one",
                                 out.string()));
  }
  if (is_within(out, course)) {
    throw UsageError(fmt::format("--out '{}' is inside the course '{}'; export outside it",
                                 out.string(), course.string()));
  }
}

// A fresh private directory beside `out`, on the same file system so that it can be
// renamed to `out`.
fs::path staging_dir_for(const fs::path& out) {
  fs::create_directories(out.parent_path());
  std::string pattern = out.string() + ".tmp-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw fs::filesystem_error("cannot create a directory beside the release", fs::path(pattern),
                               std::error_code(errno, std::generic_category()));
  }
  return pattern;
}

// The parts of grader/ a release leaves out: the author mutants always (each is a solution
// with one bug: nearly the answer), the hidden suites when they are withheld.
std::vector<fs::path> withheld_in_grader(const fs::path& course, bool withhold_hidden) {
  std::vector<fs::path> withheld = {course / "grader" / "mutants"};
  if (withhold_hidden) withheld.push_back(course / "grader" / "suites");
  return withheld;
}

ReleaseSummary copy_release(const fs::path& course, const fs::path& staging, bool withhold_hidden) {
  ReleaseSummary summary;
  const std::vector<fs::path> withheld = withheld_in_grader(course, withhold_hidden);
  for (const std::string_view part : kShipped) {
    if (!fs::exists(fs::symlink_status(course / part))) continue;
    summary.files += copy_tree(course / part, staging / part,
                               part == "grader" ? withheld : std::vector<fs::path>{});
  }
  // exercises/: each exercise's directory (its stubs, README, visible tests), not the
  // files beside them such as the instructor's own progress file.
  fs::create_directory(staging / "exercises");
  for (const fs::directory_entry& entry : fs::directory_iterator(course / "exercises")) {
    if (entry.is_directory() && fs::exists(entry.path() / "exercise.json"))
      summary.files += copy_tree(entry.path(), staging / "exercises" / entry.path().filename());
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(course)) {
    const std::string name = entry.path().filename().string();
    if (name != "exercises" && std::find(kShipped.begin(), kShipped.end(), name) == kShipped.end())
      summary.left_out.push_back(entry.is_directory() ? name + "/" : name);
  }
  for (const fs::path& part : withheld) {
    if (fs::exists(part))
      summary.left_out.push_back(fs::relative(part, course).generic_string() + "/");
  }
  std::sort(summary.left_out.begin(), summary.left_out.end());
  return summary;
}

}  // namespace

ReleaseSummary export_release(const Course& course_value, const ReleaseRequest& request) {
  const fs::path course = fs::canonical(course_value.root());
  const fs::path out = fs::weakly_canonical(fs::absolute(request.out));
  check_request(course, out);
  const fs::path staging = staging_dir_for(out);
  try {
    ReleaseSummary summary = copy_release(course, staging, request.withhold_hidden);
    // mkdtemp made it private; a release is read like any other source tree.
    fs::permissions(staging, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
    fs::rename(staging, out);  // replaces `out` when it is an empty directory
    return summary;
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }
}

}  // namespace grader
