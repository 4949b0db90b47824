#include "util/xml_escape.hpp"

namespace grader {
namespace {

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
      out += kReplacementCharacter;
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
        if (xml_forbidden_control(c)) {
          out += kReplacementCharacter;
        } else {
          out += c;
        }
    }
  }
  return out;
}

bool xml_forbidden_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

}  // namespace grader
