// message.cpp — Message: copy the text in first, then parse the copy.
#include "message.hpp"

#include <mw/todo.hpp>

namespace mw {

Message::Message(std::string_view text) {
  // TODO: check the size, copy `text` into buffer_, then parse *buffer_* (not `text`):
  // every view must point into this object. Lines end with '\n'; throw ParseError for
  // a request line that is not "METHOD PATH", a header line without a name or a ':',
  // more than kMaxHeaders headers, or text that ends before the empty line.
  MW_TODO();
}

std::optional<std::string_view> Message::header(std::string_view name) const {
  // TODO: the value of the first header whose name is exactly `name`.
  MW_TODO();
}

}  // namespace mw
