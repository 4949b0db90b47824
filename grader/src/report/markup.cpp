#include "report/markup.hpp"

#include <algorithm>

#include "util/text.hpp"
#include "util/xml_escape.hpp"

namespace grader {
std::string markdown_cell(std::string_view text) {
  // Markdown first, HTML second: escaping the other way round would break the entities.
  std::string out;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (std::string_view("|\\`*_[]#~").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return xml_escape(out);
}

std::string markdown_code_block(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  std::string body;
  body.reserve(text.size());
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (xml_forbidden_control(c) || c == '\r') {
      body += kReplacementCharacter;
    } else {
      body += c;
    }
  }
  while (!body.empty() && body.back() == '\n') body.pop_back();
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  return fence + "text\n" + body + "\n" + fence + "\n";
}

std::string excerpt(std::string_view text, std::size_t max_lines, std::size_t max_bytes) {
  return truncate_utf8(first_lines(text, max_lines), max_bytes);
}

bool append_within(std::string& out, std::string_view piece, std::size_t limit) {
  if (out.size() + piece.size() > limit) return false;
  out += piece;
  return true;
}

}  // namespace grader
