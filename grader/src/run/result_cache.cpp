#include "run/result_cache.hpp"

#include <sys/stat.h>

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/json_report.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

// Size, inode and modification time to the nanosecond: the linker writes a new file.
std::string file_identity(const fs::path& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {};
  return fmt::format("{}:{}:{}.{}", st.st_size, st.st_ino, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

}  // namespace

std::string ResultCache::key_for(const std::vector<fs::path>& binaries, const Manifest& manifest) {
  std::string key = fmt::format("{}|{}", GRADER_VERSION, file_identity(manifest.path));
  for (const fs::path& binary : binaries) {
    const std::string identity = file_identity(binary);
    if (identity.empty()) return {};
    key += "|" + identity;
  }
  return key;
}

std::optional<ExerciseReport> ResultCache::find(const std::string& id,
                                                const std::string& key) const {
  if (key.empty()) return std::nullopt;
  std::ifstream in(dir_ / (id + ".json"));
  if (!in) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    if (j.at("key").get<std::string>() != key) return std::nullopt;
    return exercise_from_json(j.at("verdict"));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void ResultCache::store(const std::string& id, const std::string& key,
                        const ExerciseReport& verdict) const {
  if (key.empty()) return;
  try {
    fs::create_directories(dir_);
    write_atomically(dir_ / (id + ".json"),
                     dump_json({{"key", key}, {"verdict", exercise_to_json(verdict)}}));
  } catch (const std::exception&) {
    // A read-only build directory just means no cache.
  }
}

}  // namespace grader
