#include "guard/rules.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace grader {
namespace {

// Pragmas that make one symbol stand for another, as the `alias` attribute does.
constexpr std::array<std::string_view, 2> kForbiddenPragmas = {"weak", "redefine_extname"};

bool is_forbidden_pragma(std::string_view name) {
  return std::find(kForbiddenPragmas.begin(), kForbiddenPragmas.end(), name) !=
         kForbiddenPragmas.end();
}

// `__constructor__` is `constructor`: GCC accepts both spellings of every attribute.
std::string_view attribute_name(std::string_view name) {
  if (name.size() > 4 && name.starts_with("__") && name.ends_with("__"))
    return name.substr(2, name.size() - 4);
  return name;
}

bool is(const LearnerToken& token, std::string_view text) {
  return token.text == text;
}

// Returns: the index just past the bracket that closes the one at `open` (`(` or `[`).
std::size_t closing(const std::vector<LearnerToken>& tokens, std::size_t open) {
  const std::string_view opener = tokens[open].text;
  const std::string_view closer = opener == "(" ? ")" : "]";
  std::size_t depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::punctuator) continue;
    if (is(tokens[i], opener)) ++depth;
    if (is(tokens[i], closer) && --depth == 0) return i + 1;
  }
  return tokens.size();
}

// Returns: where the attribute list starting at `i` ends, or `i` when none starts there.
std::size_t attribute_end(const std::vector<LearnerToken>& tokens, std::size_t i) {
  const bool next_opens = i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::punctuator;
  if (tokens[i].kind == TokenKind::identifier &&
      (is(tokens[i], "__attribute__") || is(tokens[i], "__attribute")) && next_opens &&
      is(tokens[i + 1], "("))
    return closing(tokens, i + 1);
  if (tokens[i].kind == TokenKind::punctuator && is(tokens[i], "[") && next_opens &&
      is(tokens[i + 1], "["))
    return closing(tokens, i);
  return i;
}

Finding at(const LearnerToken& token, std::string what) {
  return Finding{.file = token.file, .line = token.line, .what = std::move(what)};
}

}  // namespace

GuardRules::GuardRules(const TamperRules& tamper)
    : forbid_(tamper.forbid.begin(), tamper.forbid.end()),
      allow_(tamper.allow.begin(), tamper.allow.end()) {}

bool GuardRules::forbids_name(std::string_view name) const {
  if (allows(name)) return false;
  return forbid_.count(name) != 0 || tamper_forbidden_name(name) || tamper_forbidden_prefix(name);
}

bool GuardRules::forbids_attribute(std::string_view name) const {
  const std::string_view plain = attribute_name(name);
  return !allows(plain) && tamper_forbidden_attribute(plain);
}

std::optional<Finding> first_forbidden_token(const std::vector<LearnerToken>& tokens,
                                             const GuardRules& rules) {
  std::size_t attributes_end = 0;  // tokens before it lie in an attribute list
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const LearnerToken& token = tokens[i];
    if (i >= attributes_end) attributes_end = std::max(attributes_end, attribute_end(tokens, i));
    if (token.first_on_line && is(token, "#") && i + 2 < tokens.size() &&
        is(tokens[i + 1], "pragma") && is_forbidden_pragma(tokens[i + 2].text))
      return at(token, fmt::format("uses '#pragma {}'", tokens[i + 2].text));
    if (token.kind != TokenKind::identifier) continue;
    if (rules.forbids_name(token.text)) return at(token, fmt::format("names '{}'", token.text));
    if (i < attributes_end && rules.forbids_attribute(token.text))
      return at(token, fmt::format("uses the attribute '{}'", attribute_name(token.text)));
  }
  return std::nullopt;
}

std::optional<Finding> first_forbidden(const PreprocessedScan& scan, const GuardRules& rules) {
  if (!scan.includes.empty()) {
    const ForbiddenInclude& include = scan.includes.front();
    return Finding{.file = include.file,
                   .line = include.line,
                   .what = fmt::format("includes '{}'", include.header)};
  }
  return first_forbidden_token(scan.tokens, rules);
}

std::optional<Finding> first_line_directive(std::string_view source) {
  std::vector<std::size_t> physical;
  const std::string spliced = splice_lines(source, &physical);
  Lexer lexer(spliced);
  std::optional<Token> previous;
  while (std::optional<Token> token = lexer.next()) {
    const bool after_hash = previous && previous->first_on_line && previous->text == "#" &&
                            previous->kind == TokenKind::punctuator &&
                            previous->line == token->line;
    if (after_hash && ((token->kind == TokenKind::identifier && token->text == "line") ||
                       token->kind == TokenKind::number)) {
      const std::size_t line = previous->line < physical.size() ? physical[previous->line] : 0;
      return Finding{.line = line,
                     .what = fmt::format("has a line directive ('#{}')",
                                         token->text == "line" ? "line" : " N")};
    }
    previous = token;
  }
  return std::nullopt;
}

std::string finding_message(const Finding& finding) {
  return fmt::format("{}:{}: {}, which the tamper guard forbids", finding.file, finding.line,
                     finding.what);
}

}  // namespace grader
