#include "batch/verdict_cache.hpp"

#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "batch/sha256.hpp"
#include "report/json_report.hpp"
#include "run/process.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// `id` and every exercise it depends on, directly or not; false when one is missing.
bool dependency_closure(const std::string& id, const std::vector<CourseEntry>& course,
                        std::set<std::string>& ids) {
  if (!ids.insert(id).second) return true;
  const CourseEntry* entry = find_entry(course, id);
  if (entry == nullptr || !entry->manifest) return false;
  for (const std::string& dependency : entry->manifest->depends) {
    if (!dependency_closure(dependency, course, ids)) return false;
  }
  return true;
}

void hash_course_files(Sha256& hash, const fs::path& course_root, const std::string& id) {
  hash.field(id).tree(course_root / "exercises" / id).tree(course_root / "grader" / "suites" / id);
}

}  // namespace

std::string compiler_version() {
  const char* cxx = std::getenv("CXX");
  ProcessSpec spec;
  spec.argv = {cxx != nullptr && *cxx != '\0' ? cxx : "c++", "--version"};
  spec.limits.wall_seconds = 30;
  const ProcessResult result = run_process(spec);
  return result.succeeded() ? result.output : "unknown";
}

std::string course_digest(const fs::path& project, const fs::path& course,
                          const std::string& compiler) {
  return Sha256()
      .field("grader batch verdicts v1")
      .field(GRADER_VERSION)
      .field(compiler)
      .tree(project / "cmake")
      .tree(course / "common")
      .tree(course / "grader" / "testing")
      .hex();
}

std::string course_key(const std::string& digest, const fs::path& course_root,
                       const std::vector<CourseEntry>& course) {
  Sha256 hash;
  hash.field(digest);
  for (const CourseEntry& entry : course) hash_course_files(hash, course_root, entry.id);
  return hash.hex();
}

std::string VerdictCache::key(const Manifest& manifest, const std::vector<CourseEntry>& course,
                              const fs::path& course_root, const fs::path& workspace) const {
  std::set<std::string> ids;
  if (!dependency_closure(manifest.id, course, ids)) return "";
  Sha256 hash;
  hash.field(digest_).field(manifest.id);
  for (const std::string& id : ids) {
    hash_course_files(hash, course_root, id);
    for (const std::string& file : find_entry(course, id)->manifest->files) {
      const std::optional<std::string> content = read_file(workspace / id / file);
      hash.field(file).field(content ? "present" : "missing").field(content.value_or(""));
    }
  }
  return hash.hex();
}

fs::path VerdictCache::file_for(const std::string& id, const std::string& key) const {
  return dir_ / id / (key + ".json");
}

std::optional<ExerciseReport> VerdictCache::find(const std::string& id,
                                                 const std::string& key) const {
  if (key.empty()) return std::nullopt;
  const std::optional<std::string> text = read_file(file_for(id, key));
  if (!text) return std::nullopt;
  try {
    return exercise_from_json(nlohmann::json::parse(*text));
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged entry is graded again, then rewritten
  }
}

void VerdictCache::store(const std::string& key, const ExerciseReport& verdict) const {
  if (key.empty()) return;
  try {
    fs::create_directories(dir_ / verdict.id);
    write_atomically(file_for(verdict.id, key), dump_json(exercise_to_json(verdict)));
  } catch (const std::exception&) {
    // A full disk or a read-only OUT/cache only costs the reuse.
  }
}

}  // namespace grader
