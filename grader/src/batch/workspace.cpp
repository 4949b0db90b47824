#include "batch/workspace.hpp"

#include <fstream>
#include <map>

#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

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

}  // namespace grader
