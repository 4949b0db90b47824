#include "lesson/terminal_markdown.hpp"

#include <cctype>
#include <sstream>
#include <vector>

#include "util/text.hpp"

namespace grader {
namespace {

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kHeading = "\033[1;36m";
constexpr std::string_view kCode = "\033[33m";
constexpr std::string_view kReset = "\033[0m";

// Heading level of a line ("## x" -> 2), or 0 when it is not a heading.
std::size_t heading_level(std::string_view line) {
  std::size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  return level > 0 && level <= 6 && level < line.size() && line[level] == ' ' ? level : 0;
}

bool is_fence(std::string_view line) {
  return line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0;
}

// Number of columns a string takes: UTF-8 continuation bytes take none.
std::size_t columns(std::string_view word) {
  std::size_t n = 0;
  for (char c : word) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Inline `code` coloured; the backticks kept when there is no colour.
std::string style_inline(const std::string& text, bool color) {
  if (!color) return text;
  std::string out;
  bool in_code = false;
  for (char c : text) {
    if (c == '`') {
      out += in_code ? kReset : kCode;
      in_code = !in_code;
    } else {
      out += c;
    }
  }
  if (in_code) out += kReset;
  return out;
}

// `text` wrapped to `width`, the first line after `first_prefix`, the rest after `rest_prefix`.
std::string wrap(const std::string& text, std::size_t width, const std::string& first_prefix,
                 const std::string& rest_prefix, bool color) {
  std::istringstream words(text);
  std::string word;
  std::string out = first_prefix;
  std::string line;
  std::size_t used = columns(first_prefix);
  while (words >> word) {
    if (!line.empty() && used + 1 + columns(word) > width) {
      out += style_inline(line, color) + "\n" + rest_prefix;
      line.clear();
      used = columns(rest_prefix);
    }
    if (!line.empty()) {
      line += ' ';
      ++used;
    }
    line += word;
    used += columns(word);
  }
  return out + style_inline(line, color) + "\n";
}

// A list item's marker ("- ", "1. ") and where its text starts, or npos.
std::size_t list_text_start(const std::string& line) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string::npos) return std::string::npos;
  if ((line[i] == '-' || line[i] == '*' || line[i] == '+') && i + 1 < line.size() &&
      line[i + 1] == ' ')
    return i + 2;
  std::size_t digits = i;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])) != 0)
    ++digits;
  if (digits > i && digits + 1 < line.size() && line[digits] == '.' && line[digits + 1] == ' ')
    return digits + 2;
  return std::string::npos;
}

}  // namespace

std::string github_slug(std::string_view heading) {
  std::string slug;
  for (char c : heading) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '_' || c == '-' || u >= 0x80) {
      slug += static_cast<char>(std::tolower(u));
    } else if (c == ' ') {
      slug += '-';
    }
  }
  return slug;
}

std::optional<std::string> extract_section(std::string_view markdown, std::string_view anchor) {
  std::size_t level = 0;
  std::string out;
  bool in_fence = false;
  for (const std::string_view view : split_lines(markdown)) {
    const std::string line(view);
    if (is_fence(line)) in_fence = !in_fence;
    const std::size_t this_level = in_fence ? 0 : heading_level(line);
    if (level == 0) {
      if (this_level > 0 && github_slug(std::string_view(line).substr(this_level + 1)) == anchor)
        level = this_level;
      else
        continue;
    } else if (this_level > 0 && this_level <= level) {
      break;
    }
    out += line + "\n";
  }
  if (level == 0) return std::nullopt;
  return out;
}

std::string render_markdown(std::string_view markdown, std::size_t width, bool color) {
  std::string out;
  // The paragraph or list item being gathered, and the prefixes of its lines.
  std::string paragraph;
  std::string first_prefix;
  std::string rest_prefix;
  const auto flush = [&] {
    if (!paragraph.empty()) out += wrap(paragraph, width, first_prefix, rest_prefix, color);
    paragraph.clear();
    first_prefix.clear();
    rest_prefix.clear();
  };
  bool in_fence = false;
  for (const std::string_view view : split_lines(markdown)) {
    const std::string line(view);
    if (is_fence(line)) {
      flush();
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) {
      out += color ? "    " + std::string(kCode) + line + std::string(kReset) + "\n"
                   : "    " + line + "\n";
      continue;
    }
    if (const std::size_t level = heading_level(line)) {
      flush();
      const std::string title = line.substr(level + 1);
      out += "\n" +
             (color ? std::string(level <= 2 ? kHeading : kBold) + title + std::string(kReset)
                    : title) +
             "\n";
      if (level <= 2)
        out += std::string(std::min(columns(title), width), level == 1 ? '=' : '-') + "\n";
      continue;
    }
    if (line.find_first_not_of(' ') == std::string::npos) {
      flush();
      out += "\n";
      continue;
    }
    if (line[0] == '|' || line[0] == '>' ||
        (paragraph.empty() && line.rfind("    ", 0) == 0)) {  // tables, quotes, code
      flush();
      out += line + "\n";
      continue;
    }
    if (const std::size_t start = list_text_start(line); start != std::string::npos) {
      flush();
      paragraph = line.substr(start);
      first_prefix = line.substr(0, start);
      rest_prefix = std::string(start, ' ');
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += line.substr(line.find_first_not_of(' '));  // continuation lines join their item
  }
  flush();
  return out;
}

}  // namespace grader
