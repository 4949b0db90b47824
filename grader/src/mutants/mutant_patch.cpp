#include "mutants/mutant_patch.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "util/text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBugPrefix = "# bug:";
constexpr std::string_view kKillsPrefix = "# kills:";
constexpr std::size_t kQuotedLineChars = 60;  // of a stray line, enough to find it in the file

// The text of `line` after `prefix`, without surrounding blanks; nullopt without the prefix.
std::optional<std::string> value_after(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix)) return std::nullopt;
  line.remove_prefix(prefix.size());
  const std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return std::string();
  const std::size_t last = line.find_last_not_of(" \t");
  return std::string(line.substr(first, last - first + 1));
}

bool starts_diff(std::string_view line) {
  return line.starts_with("--- ") || line.starts_with("diff ");
}

bool is_comment(std::string_view line) {
  return line == "#" || line.starts_with("# ");
}

// The problem of the lines after the two header lines: "" when comments lead to a diff.
std::string body_problem(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 2; i < lines.size(); ++i) {
    if (starts_diff(lines[i])) return "";
    if (!is_comment(lines[i])) {
      return fmt::format(
          "line {} is neither a '# ' comment nor the start of the diff ('--- a/FILE'): '{}'", i + 1,
          lines[i].substr(0, kQuotedLineChars));
    }
  }
  return "has no diff after its header";
}

}  // namespace

bool is_test_name(std::string_view name) {
  const std::size_t dot = name.find('.');
  return dot != std::string_view::npos && is_identifier(name.substr(0, dot)) &&
         is_identifier(name.substr(dot + 1));
}

MutantHeader parse_mutant_header(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  MutantHeader header;
  const std::optional<std::string> bug =
      lines.empty() ? std::nullopt : value_after(lines[0], kBugPrefix);
  if (!bug) {
    header.problem = "has no '# bug:' line (its first line must be '# bug: <the learner's bug>')";
    return header;
  }
  header.bug = *bug;
  if (header.bug.empty()) {
    header.problem = "has an empty '# bug:' line (say what the code gets wrong)";
    return header;
  }
  const std::optional<std::string> kills =
      lines.size() < 2 ? std::nullopt : value_after(lines[1], kKillsPrefix);
  if (!kills) {
    header.problem = "has no '# kills:' line (its second line must be '# kills: Suite.Test')";
    return header;
  }
  header.kills = *kills;
  if (!is_test_name(header.kills)) {
    header.problem =
        fmt::format("has '# kills: {}', which is not one test named Suite.Test", header.kills);
    return header;
  }
  header.problem = body_problem(lines);
  return header;
}

fs::path mutants_dir(const fs::path& course_root, const std::string& id) {
  return course_root / "grader" / "mutants" / id;
}

std::vector<fs::path> mutant_patches(const fs::path& dir) {
  std::vector<fs::path> patches;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".patch")
      patches.push_back(entry.path());
  }
  std::sort(patches.begin(), patches.end());
  return patches;
}

}  // namespace grader
