#include "guard/lexer.hpp"

#include <array>

namespace grader {
namespace {

// The longest delimiter of a raw string literal ([lex.string]).
constexpr std::size_t kRawDelimiterMax = 16;

bool is_identifier_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  // `$` and any non-ASCII byte: GCC accepts both in identifiers, so `my$testing` or a UTF-8
  // name holding "testing" must stay one token.
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
         u == '$' || u >= 0x80;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The encoding prefixes that make an identifier the start of a literal.
bool is_literal_prefix(std::string_view id) {
  static constexpr std::array<std::string_view, 4> kPrefixes = {"u8", "u", "U", "L"};
  for (std::string_view p : kPrefixes)
    if (id == p) return true;
  return false;
}

bool is_raw_prefix(std::string_view id) {
  static constexpr std::array<std::string_view, 5> kPrefixes = {"R", "u8R", "uR", "UR", "LR"};
  for (std::string_view p : kPrefixes)
    if (id == p) return true;
  return false;
}

}  // namespace

void Lexer::count_lines(std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (text_[i] == '\n') ++line_;
}

void Lexer::skip_blanks() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      line_start_ = true;
      ++pos_;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      ++pos_;
    } else if (text_.substr(pos_, 2) == "//") {
      pos_ = std::min(text_.find('\n', pos_), text_.size());
    } else if (text_.substr(pos_, 2) == "/*") {
      const std::size_t end = std::min(text_.find("*/", pos_ + 2), text_.size());
      const std::size_t stop = std::min(end + 2, text_.size());
      count_lines(pos_, stop);  // a comment over several lines leaves line_start_ as it was
      pos_ = stop;
    } else {
      return;
    }
  }
}

std::string_view Lexer::lex_literal(std::size_t start, std::size_t quote) {
  const char q = text_[quote];
  std::size_t i = quote + 1;
  while (i < text_.size() && text_[i] != q && text_[i] != '\n') {
    if (text_[i] == '\\' && i + 1 < text_.size() && text_[i + 1] != '\n') ++i;
    ++i;
  }
  if (i < text_.size() && text_[i] == q) ++i;
  pos_ = i;
  return text_.substr(start, i - start);
}

std::string_view Lexer::lex_raw_string(std::size_t start, std::size_t quote) {
  const std::size_t open = text_.find('(', quote + 1);
  if (open == std::string_view::npos || open - quote - 1 > kRawDelimiterMax)
    return lex_literal(start, quote);
  const std::string_view delimiter = text_.substr(quote + 1, open - quote - 1);
  if (delimiter.find_first_of(" \t\n\\)") != std::string_view::npos)
    return lex_literal(start, quote);
  const std::string close = ")" + std::string(delimiter) + "\"";
  const std::size_t end = text_.find(close, open + 1);
  const std::size_t stop = end == std::string_view::npos ? text_.size() : end + close.size();
  count_lines(quote, stop);
  pos_ = stop;
  return text_.substr(start, stop - start);
}

std::string_view Lexer::lex_number(std::size_t start) {
  std::size_t i = start + 1;
  while (i < text_.size()) {
    const char c = text_[i];
    const char before = text_[i - 1];
    const bool sign = (c == '+' || c == '-') &&
                      (before == 'e' || before == 'E' || before == 'p' || before == 'P');
    const bool separator = c == '\'' && i + 1 < text_.size() && is_identifier_char(text_[i + 1]);
    if (!is_identifier_char(c) && c != '.' && !sign && !separator) break;
    i += separator ? 2 : 1;
  }
  pos_ = i;
  return text_.substr(start, i - start);
}

std::string_view Lexer::lex_punctuator(std::size_t start) {
  const std::string_view two = text_.substr(start, 2);
  pos_ = start + 1;
  if (two == "::") {
    pos_ = start + 2;
    return two;
  }
  // Digraphs, as the character they stand for: `<:<:gnu::constructor:>:>` is an attribute.
  // `<::` not followed by `:` or `>` is `<` then `::` ([lex.pptoken]).
  if (two == "<:") {
    const char after = start + 2 < text_.size() ? text_[start + 2] : '\0';
    const char after2 = start + 3 < text_.size() ? text_[start + 3] : '\0';
    if (after == ':' && after2 != ':' && after2 != '>') return two.substr(0, 1);
    pos_ = start + 2;
    return "[";
  }
  if (two == ":>") {
    pos_ = start + 2;
    return "]";
  }
  if (two == "%:") {
    pos_ = start + 2;
    return "#";
  }
  return text_.substr(start, 1);
}

std::optional<Token> Lexer::next() {
  skip_blanks();
  if (pos_ >= text_.size()) return std::nullopt;
  Token token{.line = line_, .first_on_line = line_start_};
  line_start_ = false;
  const std::size_t start = pos_;
  const char c = text_[start];
  if (is_identifier_char(c) && !is_digit(c)) {
    std::size_t i = start;
    while (i < text_.size() &&
           (is_identifier_char(text_[i]) || (text_[i] == '\\' && i + 1 < text_.size() &&
                                             (text_[i + 1] == 'u' || text_[i + 1] == 'U')))) {
      i += text_[i] == '\\' ? 2 : 1;
    }
    const std::string_view id = text_.substr(start, i - start);
    const char after = i < text_.size() ? text_[i] : '\0';
    token.kind = TokenKind::literal;
    if (after == '"' && is_raw_prefix(id)) {
      token.text = lex_raw_string(start, i);
    } else if ((after == '"' || after == '\'') && is_literal_prefix(id)) {
      token.text = lex_literal(start, i);
    } else {
      token.kind = TokenKind::identifier;
      token.text = id;
      pos_ = i;
    }
  } else if (c == '"' || c == '\'') {
    token.kind = TokenKind::literal;
    token.text = lex_literal(start, start);
  } else if (is_digit(c) || (c == '.' && start + 1 < text_.size() && is_digit(text_[start + 1]))) {
    token.kind = TokenKind::number;
    token.text = lex_number(start);
  } else {
    token.kind = TokenKind::punctuator;
    token.text = lex_punctuator(start);
  }
  return token;
}

std::string_view Lexer::rest_of_line() {
  const std::size_t end = std::min(text_.find('\n', pos_), text_.size());
  const std::string_view rest = text_.substr(pos_, end - pos_);
  pos_ = end;
  skip_blanks();
  return rest;
}

std::string_view Lexer::peek_line() const {
  const std::size_t end = std::min(text_.find('\n', pos_), text_.size());
  return text_.substr(pos_, end - pos_);
}

std::string splice_lines(std::string_view source, std::vector<std::size_t>* lines) {
  std::string out;
  out.reserve(source.size());
  std::size_t physical = 1;
  if (lines != nullptr) lines->assign(1, 1);
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '\\') {
      // A backslash, spaces GCC tolerates, then a newline: the line goes on.
      std::size_t j = i + 1;
      while (j < source.size() && (source[j] == ' ' || source[j] == '\t' || source[j] == '\r')) ++j;
      if (j < source.size() && source[j] == '\n') {
        ++physical;
        i = j;
        continue;
      }
    }
    out += c;
    if (c == '\n') {
      ++physical;
      if (lines != nullptr) lines->push_back(physical);
    }
  }
  return out;
}

}  // namespace grader
