// message.cpp — Message: copy the text in first, then parse the copy.
#include "message.hpp"

#include <algorithm>

namespace mw {
namespace {

/// Effects: removes the first line (up to and without '\n') from `rest` and returns it.
/// Throws: ParseError when `rest` has no '\n' left: every line before the body ends with one.
std::string_view take_line(std::string_view& rest) {
  const auto end = rest.find('\n');
  if (end == std::string_view::npos) throw ParseError("message: line without '\\n'");
  const auto line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return line;
}

}  // namespace

Message::Message(std::string_view text) {
  if (text.size() > kCapacity) throw std::length_error("message: longer than kCapacity");
  // Copy first, parse second: the views must point into our buffer, not into `text`,
  // which belongs to the caller and may die or change right after this constructor.
  std::copy(text.begin(), text.end(), buffer_.begin());
  size_ = text.size();
  std::string_view rest(buffer_.data(), size_);

  const auto request = take_line(rest);
  const auto space = request.find(' ');
  if (space == 0 || space == std::string_view::npos || space + 1 == request.size())
    throw ParseError("message: the request line is not 'METHOD PATH'");
  method_ = request.substr(0, space);
  path_ = request.substr(space + 1);

  for (auto line = take_line(rest); !line.empty(); line = take_line(rest)) {
    if (header_count_ == kMaxHeaders) throw ParseError("message: more than kMaxHeaders headers");
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos)
      throw ParseError("message: a header line is not 'Name: value'");
    auto value = line.substr(colon + 1);
    value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
    headers_[header_count_++] = Header{line.substr(0, colon), value};
  }
  body_ = rest;
}

std::optional<std::string_view> Message::header(std::string_view name) const noexcept {
  for (const Header& h : headers())
    if (h.name == name) return h.value;
  return std::nullopt;
}

}  // namespace mw
