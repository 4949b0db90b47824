// rewrite.cpp — scan first, allocate only when the input must change.
#include "rewrite.hpp"

#include <cstddef>

namespace mw {

namespace {

/// Returns: true for the whitespace of the C locale's std::isspace.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// Returns: true when normalize_whitespace would not change `text`.
bool is_normalized(std::string_view text) {
  if (text.empty()) return true;
  if (is_space(text.front()) || is_space(text.back())) return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (is_space(c) && (c != ' ' || text[i - 1] == ' ')) return false;
  }
  return true;
}

/// Returns: what `c` becomes in HTML text, or an empty view when it stays as it is.
std::string_view html_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return {};
  }
}

/// Returns: how many characters escaping `c` adds (0 when it stays as it is).
std::size_t escape_growth(char c) {
  const std::size_t entity_size = html_entity(c).size();
  return entity_size == 0 ? 0 : entity_size - 1;
}

}  // namespace

Cow<std::string> normalize_whitespace(std::string_view text) {
  if (is_normalized(text)) return Cow<std::string>::borrowed(text);

  std::string out;
  out.reserve(text.size());  // normalizing never lengthens: one allocation at most
  bool pending_space = false;
  for (const char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();  // no space before the first word
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return Cow<std::string>::owned(std::move(out));
}

Cow<std::string> escape_html(std::string_view text) {
  std::size_t growth = 0;
  for (const char c : text) growth += escape_growth(c);
  if (growth == 0) return Cow<std::string>::borrowed(text);
  const std::size_t escaped_size = text.size() + growth;

  std::string out;
  out.reserve(escaped_size);  // the exact final size: one allocation at most
  for (const char c : text) {
    const std::string_view entity = html_entity(c);
    if (entity.empty()) {
      out.push_back(c);
    } else {
      out.append(entity);
    }
  }
  return Cow<std::string>::owned(std::move(out));
}

void abs_all(Cow<std::vector<int>>& values) {
  const std::size_t size = values->size();
  for (std::size_t i = 0; i < size; ++i) {
    const int value = (*values)[i];
    // to_mut() clones a borrowed vector the first time only; later calls write in place.
    if (value < 0) values.to_mut()[i] = -value;
  }
}

}  // namespace mw
