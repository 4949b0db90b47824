#include "guard/guard_memo.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/file.hpp"
#include "util/sha256.hpp"

namespace grader {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Returns: the SHA-256 of the file at `path`, or "" when it cannot be read.
std::string file_digest(const fs::path& path) {
  const std::optional<std::string> content = read_file(path);
  return content ? sha256_hex(*content) : std::string();
}

}  // namespace

std::optional<GuardAnswer> GuardMemo::recall() const {
  const std::optional<std::string> text = read_file(file_);
  if (!text) return std::nullopt;
  const json entry = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!entry.is_object() || entry.value("key", std::string()) != key_ ||
      entry.value("grader", std::string()) != grader_digest())
    return std::nullopt;
  GuardAnswer answer{.refused = entry.value("refused", std::string())};
  const json files = entry.value("files", json::object());
  for (const auto& [path, digest] : files.items()) {
    if (!digest.is_string() || file_digest(path) != digest.get<std::string>()) return std::nullopt;
    answer.files_read.emplace_back(path);
  }
  return answer;
}

void GuardMemo::remember(const GuardAnswer& answer) const {
  json files = json::object();
  for (const fs::path& file : answer.files_read) {
    const std::string digest = file_digest(file);
    if (digest.empty()) return;  // gone already: the answer would never be recalled
    files[file.string()] = digest;
  }
  const json entry = {
      {"key", key_}, {"grader", grader_digest()}, {"refused", answer.refused}, {"files", files}};
  std::error_code ignored;
  fs::create_directories(file_.parent_path(), ignored);
  try {
    write_atomically(file_, entry.dump());
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): the memo only saves time
  }
}

std::string tree_listing(const fs::path& tree) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(tree, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) names.push_back(it->path().lexically_relative(tree).string());
  }
  std::sort(names.begin(), names.end());
  std::string listing;
  for (const std::string& name : names) listing.append(name).push_back('\n');
  return listing;
}

}  // namespace grader
