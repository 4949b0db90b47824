#include "manifest/hints.hpp"

#include <fmt/format.h>

#include "manifest/manifest.hpp"
#include "util/file.hpp"

namespace grader {

namespace {

// Returns: `text` without the blank lines (and trailing spaces) around it.
std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\n");
  std::string_view body = text.substr(first, last + 1 - first);
  // Keep the indentation of the first line (a code block) by starting at its line.
  const std::size_t line_start = text.rfind('\n', first);
  if (line_start != std::string_view::npos && line_start + 1 < first)
    body = text.substr(line_start + 1, last - line_start);
  return std::string(body);
}

}  // namespace

std::vector<std::string> parse_hints(std::string_view markdown) {
  std::vector<std::string> hints;
  std::size_t section = std::string_view::npos;  // where the current hint's body starts
  std::size_t at = 0;
  while (at <= markdown.size()) {
    std::size_t end = markdown.find('\n', at);
    if (end == std::string_view::npos) end = markdown.size();
    if (markdown.substr(at, 3) == "## ") {
      if (section != std::string_view::npos)
        hints.push_back(trimmed(markdown.substr(section, at - section)));
      section = std::min(end + 1, markdown.size());
    }
    at = end + 1;
  }
  if (section != std::string_view::npos) hints.push_back(trimmed(markdown.substr(section)));
  return hints;
}

std::vector<std::string> load_hints(const std::filesystem::path& root, const std::string& id) {
  const std::filesystem::path file = root / "grader" / "hints" / (id + ".md");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return {};
  const std::optional<std::string> text = read_file(file);
  if (!text) throw ManifestError(fmt::format("{}: cannot be read", file.string()));
  std::vector<std::string> hints = parse_hints(*text);
  if (hints.empty())
    throw ManifestError(
        fmt::format("{}: no hint in it (one '## ' section per hint)", file.string()));
  return hints;
}

}  // namespace grader
