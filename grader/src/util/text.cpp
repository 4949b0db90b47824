#include "util/text.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace grader {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at bytes[i], or 0 if invalid.
std::size_t valid_sequence_length(std::string_view bytes, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;   // bounds of the first continuation byte, to reject
  unsigned char high = 0xBF;  // overlong forms, surrogates and > U+10FFFF
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > bytes.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

std::string to_valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t length = valid_sequence_length(bytes, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string truncate_utf8(std::string_view bytes, std::size_t limit) {
  if (bytes.size() <= limit) return to_valid_utf8(bytes);
  // Cut on the input first (bounded work for 100 MB inputs), then back up to a
  // code point boundary so the cut never splits a valid character.
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(bytes[cut]) & 0xC0) == 0x80 && limit - cut < 3) {
    --cut;
  }
  std::string out = to_valid_utf8(bytes.substr(0, cut));
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += fmt::format("[... truncated: {} bytes omitted]", bytes.size() - cut);
  return out;
}

bool is_identifier(std::string_view text) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return !text.empty() && letter(text.front()) &&
         std::all_of(text.begin(), text.end(), [&](char c) { return letter(c) || digit(c); });
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string first_lines(std::string_view text, std::size_t max_lines) {
  std::size_t end = 0;
  for (std::size_t line = 0; line < max_lines; ++line) {
    const std::size_t newline = text.find('\n', end);
    if (newline == std::string_view::npos) return std::string(text);
    end = newline + 1;
  }
  return std::string(text.substr(0, end));
}

std::string first_error(std::string_view diagnostics, std::size_t max_lines) {
  const std::size_t at = diagnostics.find("error:");
  if (at == std::string_view::npos) return first_lines(diagnostics, max_lines);
  const std::size_t line_start = diagnostics.rfind('\n', at);
  return first_lines(diagnostics.substr(line_start == std::string_view::npos ? 0 : line_start + 1),
                     max_lines);
}

std::string fit_column(std::string_view text, std::size_t width) {
  constexpr std::string_view kEllipsis = "…";
  const auto is_lead = [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; };
  const auto code_points =
      static_cast<std::size_t>(std::count_if(text.begin(), text.end(), is_lead));
  if (code_points <= width) return std::string(text);
  if (width == 0) return "";
  // Keep width - 1 code points, then the ellipsis.
  std::size_t kept = 0;
  std::size_t end = 0;
  for (; end < text.size(); ++end) {
    if (is_lead(text[end]) && kept++ == width - 1) break;
  }
  return std::string(text.substr(0, end)).append(kEllipsis);
}

}  // namespace grader
