// guard/lexer.hpp — C++ tokens, enough to tell names from the text of literals.
//
// The tamper guard reads two kinds of text with it: the compiler's preprocessed output
// (`-E`, comments already gone) and a learner's raw source (to find line directives). It is
// no parser: it only has to split identifiers from string and character literals (raw
// strings included), numbers, comments and punctuators, so that `"testing"` or `my_testing`
// is never read as the name `testing`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

enum class TokenKind { identifier, literal, number, punctuator };

/// One token. Invariant: `text` views the lexed text; `line` counts the newlines before it
/// (0 for the first line); a punctuator is one character, or `::`, or a digraph spelled as
/// the character it stands for (`<:` as `[`, `:>` as `]`, `%:` as `#`).
struct Token {
  TokenKind kind = TokenKind::punctuator;
  std::string_view text;
  std::size_t line = 0;
  bool first_on_line = false;  ///< nothing but whitespace and comments before it on its line
};

/// Lexes a text from the start. A text that is not valid C++ (an unterminated literal or
/// comment) is lexed as far as it goes: a literal then ends at its line's end.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  /// Effects: moves past the next token, skipping whitespace and comments.
  /// Returns: that token, or nullopt at the end of the text.
  std::optional<Token> next();

  /// Effects: moves to the start of the next line (past the current line's newline).
  /// Returns: the rest of the current line from the current position, without the newline.
  std::string_view rest_of_line();

  /// Returns: the rest of the current line from the current position, without moving.
  std::string_view peek_line() const;

  /// Returns: how many newlines precede the current position.
  std::size_t line() const { return line_; }

 private:
  void skip_blanks();
  std::string_view lex_literal(std::size_t start, std::size_t quote);
  std::string_view lex_raw_string(std::size_t start, std::size_t quote);
  std::string_view lex_number(std::size_t start);
  std::string_view lex_punctuator(std::size_t start);
  void count_lines(std::size_t from, std::size_t to);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
  bool line_start_ = true;
};

/// Returns: `source` with every backslash-newline removed (translation phase 2), and in
/// `lines` (when given) the physical line, counted from 1, of each line of the result.
std::string splice_lines(std::string_view source, std::vector<std::size_t>* lines = nullptr);

}  // namespace grader
