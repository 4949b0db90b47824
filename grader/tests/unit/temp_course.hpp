// temp_course.hpp — writing small courses in a scratch directory, for the unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace grader::testing_support {

/// Effects: writes `text` as <root>/exercises/<id>/exercise.json. Returns: its path.
inline std::filesystem::path write_manifest(const std::filesystem::path& root,
                                            const std::string& id, const std::string& text) {
  const std::filesystem::path dir = root / "exercises" / id;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "exercise.json") << text;
  return dir / "exercise.json";
}

/// Effects: writes `source` as <root>/<dir>/<name>, making the directories.
inline void write_source(const std::filesystem::path& root, const std::string& dir,
                         const std::string& name, const std::string& source) {
  std::filesystem::create_directories(root / dir);
  std::ofstream(root / dir / name) << source;
}

}  // namespace grader::testing_support
