#include "batch/source_key.hpp"

#include <cstdlib>
#include <map>

#include "build/tree_build.hpp"
#include "process/process.hpp"
#include "util/file.hpp"
#include "util/sha256.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr double kCompilerQuerySeconds = 30;  // `c++ --version`, even on a cold disk

// Effects: adds the manifests of `id` and of every exercise it depends on, directly or not,
// to `manifests`, by id. Returns: false when one of them is missing or unreadable.
bool dependency_closure(const std::string& id, const Course& course,
                        std::map<std::string, const Manifest*>& manifests) {
  if (manifests.contains(id)) return true;
  const CourseEntry* entry = course.find(id);
  if (entry == nullptr || !entry->manifest) return false;
  const Manifest& manifest = *entry->manifest;
  manifests.emplace(id, &manifest);
  for (const std::string& dependency : manifest.depends) {
    if (!dependency_closure(dependency, course, manifests)) return false;
  }
  return true;
}

void hash_course_files(Sha256& hash, const fs::path& course_root, const std::string& id) {
  hash.field(id).tree(course_root / "exercises" / id).tree(course_root / "grader" / "suites" / id);
}

}  // namespace

std::string compiler_version() {
  const TreeToolchain& toolchain = tree_toolchain();
  const char* cxx = std::getenv("CXX");
  std::string compiler = cxx != nullptr && *cxx != '\0' ? cxx : "c++";
  if (!toolchain.compiler.empty()) compiler = toolchain.compiler;
  ProcessSpec spec;
  spec.argv = {compiler, "--version"};
  spec.limits.wall_seconds = kCompilerQuerySeconds;
  const ProcessResult result = run_process(spec);
  // The toolchain's name too: it also says which standard library the tree links.
  return toolchain.name + " " + (result.succeeded() ? result.output : "unknown");
}

std::string course_digest(const fs::path& project, const fs::path& course,
                          const std::string& compiler) {
  return Sha256()
      .field("grader batch verdicts v2")
      .field(GRADER_VERSION)
      .field(compiler)
      .tree(project / "cmake")
      .tree(course / "common")
      .tree(course / "grader" / "testing")
      .hex();
}

std::string course_key(const std::string& digest, const Course& course,
                       const std::vector<CourseEntry>& exercises) {
  Sha256 hash;
  hash.field(digest);
  for (const CourseEntry& entry : exercises) hash_course_files(hash, course.root(), entry.id);
  return hash.hex();
}

std::string source_key(const std::string& digest, const Manifest& manifest, const Course& course,
                       const fs::path& workspace) {
  std::map<std::string, const Manifest*> manifests;
  if (!dependency_closure(manifest.id, course, manifests)) return "";
  Sha256 hash;
  hash.field(digest).field(manifest.id);
  for (const auto& [id, graded] : manifests) {
    hash_course_files(hash, course.root(), id);
    for (const std::string& file : graded->files) {
      const std::optional<std::string> content = read_file(workspace / id / file);
      hash.field(file).field(content ? "present" : "missing").field(content.value_or(""));
    }
  }
  return hash.hex();
}

}  // namespace grader
