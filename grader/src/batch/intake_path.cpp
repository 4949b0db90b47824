// The path checks shared by archive and directory intake.
#include <optional>

#include "batch/intake.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"

namespace grader {

std::optional<std::string> checked_relative_path(std::string_view raw, std::string& why) {
  if (!raw.empty() && (raw.front() == '/' || raw.front() == '\\')) {
    why = "absolute path '" + printable_name(raw) + "'";
    return std::nullopt;
  }
  std::string path;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view component = raw.substr(start, end - start);
    if (component == "..") {
      why = "path '" + printable_name(raw) + "' climbs out with '..'";
      return std::nullopt;
    }
    if (!component.empty() && component != ".") {
      if (!path.empty()) path += '/';
      path += component;
    }
    start = end + 1;
  }
  return path;
}

std::string printable_name(std::string_view raw) {
  constexpr std::size_t kMaxBytes = 80;
  std::string text = to_valid_utf8(raw);
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = '?';
  }
  if (text.size() <= kMaxBytes) return text;
  std::size_t cut = kMaxBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

Intake refuse_if_skipped(Intake intake) {
  if (intake.skipped.empty()) return intake;
  Intake refused;
  refused.refused = std::move(intake.skipped.front());
  return refused;
}

std::string intake_hash(const Intake& intake) {
  Sha256 hash;
  for (const auto& [path, content] : intake.files) hash.field(path).field(content);
  return hash.hex();
}

}  // namespace grader
