#include "guard/line_markers.hpp"

#include <charconv>

namespace grader {
namespace {

constexpr int kFlagEnter = 1;
constexpr int kFlagLeave = 2;
constexpr int kFlagSystem = 3;
constexpr int kOctalDigits = 3;  // GCC writes a byte it cannot print as \ooo

std::string_view skip_spaces(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t");
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

// The quoted file name at the start of `text`, unescaped; moves `text` past it.
std::optional<std::string> quoted_name(std::string_view& text) {
  if (text.empty() || text.front() != '"') return std::nullopt;
  std::string name;
  std::size_t i = 1;
  while (i < text.size() && text[i] != '"') {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      name += text[i++];
      continue;
    }
    int value = 0;
    int digits = 0;
    while (digits < kOctalDigits && i + 1 + digits < text.size() && text[i + 1 + digits] >= '0' &&
           text[i + 1 + digits] <= '7') {
      value = value * 8 + (text[i + 1 + digits] - '0');
      ++digits;
    }
    name += digits > 0 ? static_cast<char>(value) : text[i + 1];
    i += 1 + (digits > 0 ? digits : 1);
  }
  if (i >= text.size()) return std::nullopt;
  text.remove_prefix(i + 1);
  return name;
}

}  // namespace

std::optional<LineMarker> parse_line_marker(std::string_view rest) {
  rest = skip_spaces(rest);
  LineMarker marker;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), marker.line);
  if (error != std::errc{} || end == rest.data()) return std::nullopt;
  rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
  if (rest.empty() || (rest.front() != ' ' && rest.front() != '\t')) return std::nullopt;
  rest = skip_spaces(rest);
  std::optional<std::string> file = quoted_name(rest);
  if (!file) return std::nullopt;
  marker.file = std::move(*file);
  for (rest = skip_spaces(rest); !rest.empty(); rest = skip_spaces(rest)) {
    int flag = 0;
    const auto [flag_end, flag_error] =
        std::from_chars(rest.data(), rest.data() + rest.size(), flag);
    if (flag_error != std::errc{}) return std::nullopt;
    rest.remove_prefix(static_cast<std::size_t>(flag_end - rest.data()));
    marker.enter = marker.enter || flag == kFlagEnter;
    marker.leave = marker.leave || flag == kFlagLeave;
    marker.system = marker.system || flag == kFlagSystem;
  }
  if (marker.enter && marker.leave) return std::nullopt;
  return marker;
}

}  // namespace grader
