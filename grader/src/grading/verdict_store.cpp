#include "grading/verdict_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/report_json.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"
#include "util/sha256.hpp"

namespace grader {

namespace fs = std::filesystem;

std::string built_suite_key(const BuiltSuite& suite) {
  const std::string manifest = file_identity(suite.manifest);
  if (manifest.empty()) return {};
  std::string key = fmt::format("{}|{}|{}", GRADER_VERSION, suite.compiler, manifest);
  for (const fs::path& binary : suite.binaries) {
    const std::string identity = file_identity(binary);
    if (identity.empty()) return {};
    key += "|" + identity;
  }
  return suite.sandboxed ? key + "|sandbox" : key;
}

fs::path VerdictStore::file_for(const std::string& id, const std::string& key) const {
  return dir_ / id / (sha256_hex(grader_digest() + "|" + key) + ".json");
}

std::optional<ExerciseReport> VerdictStore::find(const std::string& id,
                                                 const std::string& key) const {
  if (key.empty()) return std::nullopt;
  const std::optional<std::string> text = read_file(file_for(id, key));
  if (!text) return std::nullopt;
  try {
    const nlohmann::json entry = nlohmann::json::parse(*text);
    if (entry.at("key").get<std::string>() != key ||
        entry.value("grader", std::string()) != grader_digest())
      return std::nullopt;
    return exercise_from_json(entry.at("verdict"));
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged entry is graded again, then rewritten
  }
}

bool VerdictStore::store(const std::string& id, const std::string& key,
                         const ExerciseReport& verdict) const {
  if (key.empty()) return false;
  try {
    const fs::path file = file_for(id, key);
    fs::create_directories(file.parent_path());
    write_atomically(file, dump_json({{"key", key},
                                      {"grader", grader_digest()},
                                      {"verdict", exercise_to_json(verdict)}}));
    if (keep_ == Keep::every) return true;
    for (const auto& other : fs::directory_iterator(file.parent_path())) {
      if (other.path() != file && other.path().extension() == ".json") fs::remove(other.path());
    }
    return true;
  } catch (const std::exception&) {
    return false;  // a read-only build directory or a full disk only costs the reuse
  }
}

}  // namespace grader
