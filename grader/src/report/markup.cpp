#include "report/markup.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace grader {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// True for a C0 control character other than tab, newline and carriage return.
bool forbidden_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

// True when `text` at `i` starts U+FFFE or U+FFFF (EF BF BE / EF BF BF), noncharacters
// that XML 1.0 forbids.
bool noncharacter_at(std::string_view text, std::size_t i) {
  return i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xEF &&
         static_cast<unsigned char>(text[i + 1]) == 0xBF &&
         (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
          static_cast<unsigned char>(text[i + 2]) == 0xBF);
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (noncharacter_at(text, i)) {
      out += kReplacement;
      i += 2;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (forbidden_control(c)) {
          out += kReplacement;
        } else {
          out += c;
        }
    }
  }
  return out;
}

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
    if (forbidden_control(c) || c == '\r') {
      body += kReplacement;
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

double percent_of(int score, int max_score) {
  return max_score > 0 ? 100.0 * score / max_score : 0.0;
}

const char* status_word(ExerciseStatus status) {
  switch (status) {
    case ExerciseStatus::passed:
      return "passed";
    case ExerciseStatus::failed:
      return "failed";
    case ExerciseStatus::build_error:
      return "build error";
    case ExerciseStatus::not_run:
      return "not run";
  }
  return "not run";
}

}  // namespace grader
