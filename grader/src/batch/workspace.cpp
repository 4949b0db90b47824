#include "batch/workspace.hpp"

#include <fstream>
#include <map>

#include <fmt/format.h>

#include "batch/submissions.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// Written in a workspace stage_submission() made: only such a workspace (or an empty one)
// is staged into, since staging deletes every file a submission does not hold.
constexpr const char* kStagedMarker = ".grader-staged-workspace";

// The regular files under `dir`, relative path -> full path.
std::map<fs::path, fs::path> regular_files(const fs::path& dir) {
  std::map<fs::path, fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && !entry.is_symlink())
      files[entry.path().lexically_relative(dir)] = entry.path();
  }
  return files;
}

void write_if_changed(const fs::path& path, const std::string& content) {
  if (read_file(path) == content) return;
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw fs::filesystem_error("cannot write", path, std::error_code());
}

}  // namespace

void stage_workspace(const fs::path& course_root, const std::vector<CourseEntry>& course,
                     const LearnerFiles& files, const fs::path& workspace) {
  std::map<fs::path, std::string> wanted;
  for (const CourseEntry& entry : course) {
    for (const auto& [relative, source] : regular_files(course_root / "exercises" / entry.id))
      wanted[fs::path(entry.id) / relative] = read_file(source).value_or("");
  }
  for (const auto& [id, exercise_files] : files) {
    for (const auto& [file, content] : exercise_files) wanted[fs::path(id) / file] = content;
  }
  for (const auto& [relative, path] : regular_files(workspace)) {
    if (wanted.count(relative) == 0) fs::remove(path);
  }
  fs::create_directories(workspace);
  for (const auto& [relative, content] : wanted) write_if_changed(workspace / relative, content);
}

StagedSubmission stage_submission(const fs::path& course_root,
                                  const std::vector<CourseEntry>& course,
                                  const fs::path& submission, const fs::path& workspace,
                                  const IntakeLimits& limits) {
  std::error_code ec;
  if (!fs::is_empty(workspace, ec) && !ec && !fs::exists(workspace / kStagedMarker))
    throw UsageError(fmt::format(
        "'{}' holds files but is no workspace grader staged: give an empty or new directory",
        workspace.string()));
  Intake intake = read_submission(submission_at(submission), limits);
  if (!intake.refused.empty()) throw UsageError("submission refused: " + intake.refused);
  const LearnerFiles files = find_learner_files(intake, course);
  stage_workspace(course_root, course, files, workspace);
  write_atomically(workspace / kStagedMarker, "staged by grader check --submission\n");
  StagedSubmission staged{.skipped = std::move(intake.skipped), .files = count_files(files)};
  for (const CourseEntry& entry : course) {
    if (files.count(entry.id) != 0) staged.exercises.push_back(entry.id);
  }
  return staged;
}

std::vector<fs::path> course_builds(const fs::path& course_root) {
  return {course_root / "build" / "trees"};
}

}  // namespace grader
