#include "batch/layout.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace grader {
namespace {

constexpr std::string_view kMacMetadata = "__MACOSX/";

std::string first_component(const std::string& path) {
  return path.substr(0, path.find('/'));
}

// The one folder every file is in, when it is neither `exercises` nor an exercise: a
// wrapper to look inside. Empty when there is none.
std::string wrapper_folder(const std::vector<std::string>& paths,
                           const std::vector<CourseEntry>& course) {
  std::set<std::string> tops;
  for (const std::string& path : paths) {
    if (path.find('/') == std::string::npos) return "";  // a file at the top: no wrapper
    tops.insert(first_component(path));
  }
  if (tops.size() != 1) return "";
  const std::string& top = *tops.begin();
  if (top == "exercises" || find_entry(course, top) != nullptr) return "";
  return top + "/";
}

// Files uploaded alone, at the top of the submission (or of its wrapper folder `top`):
// each is put where the one exercise with a learner file of that name expects it, unless
// the exercise's folder already gave that file. A name two exercises share stays unplaced.
void place_loose_files(const Intake& intake, const std::vector<std::string>& paths,
                       const std::string& top, const std::vector<CourseEntry>& course,
                       LearnerFiles& found) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> owners;
  for (const CourseEntry& entry : course) {
    if (!entry.manifest) continue;
    for (const std::string& file : entry.manifest->files)
      owners[std::filesystem::path(file).filename().string()].emplace_back(entry.id, file);
  }
  for (const std::string& path : paths) {
    if (path.rfind(top, 0) != 0 || path.find('/', top.size()) != std::string::npos) continue;
    const auto owner = owners.find(path.substr(top.size()));
    if (owner == owners.end() || owner->second.size() != 1) continue;
    const auto& [id, file] = owner->second.front();
    found[id].try_emplace(file, intake.files.at(path));
  }
}

}  // namespace

LearnerFiles find_learner_files(const Intake& intake, const std::vector<CourseEntry>& course) {
  std::vector<std::string> paths;
  for (const auto& [path, content] : intake.files) {
    if (path.rfind(kMacMetadata, 0) != 0) paths.push_back(path);
  }
  const std::string top = wrapper_folder(paths, course);
  std::string base = top;
  const bool has_exercises_tree =
      std::any_of(paths.begin(), paths.end(),
                  [&](const std::string& p) { return p.rfind(base + "exercises/", 0) == 0; });
  if (has_exercises_tree) base += "exercises/";

  LearnerFiles found;
  for (const CourseEntry& entry : course) {
    if (!entry.manifest) continue;
    const std::string folder = base + entry.id + "/";
    for (const std::string& file : entry.manifest->files) {
      const auto it = intake.files.find(folder + file);
      if (it != intake.files.end()) found[entry.id][file] = it->second;
    }
  }
  place_loose_files(intake, paths, top, course, found);
  return found;
}

std::size_t count_files(const LearnerFiles& files) {
  std::size_t count = 0;
  for (const auto& [id, exercise_files] : files) count += exercise_files.size();
  return count;
}

}  // namespace grader
