#include "grading/verdict_store.hpp"

#include <sys/stat.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/report_json.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"
#include "util/sha256.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

// Size, inode and modification time to the nanosecond: the linker writes a new file.
std::string file_identity(const fs::path& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {};
  return fmt::format("{}:{}:{}.{}", st.st_size, st.st_ino, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

// The grader binary's SHA-256, once per process. A verdict is stored and found under it
// besides its key: one reached under older tamper guard rules (or any other change of the
// grader's, with the same version number) must not stand for a newer grader's, in check's
// store as in batch's, which looks verdicts up before grade() and its guard run at all.
const std::string& grader_digest() {
  static const std::string digest = [] {
    const std::optional<std::string> binary = read_file("/proc/self/exe");
    return binary ? sha256_hex(*binary) : std::string("unknown");
  }();
  return digest;
}

}  // namespace

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
