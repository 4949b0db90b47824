// rewrite.cpp — scan first, allocate only when the input must change.
//
// Each function has two passes: the first reads the input and decides whether
// (and, for escape_html, by how much) it changes; only then does the second
// build an owned string, reserved once at its final size.
#include "rewrite.hpp"

#include <mw/todo.hpp>

namespace mw {

Cow<std::string> normalize_whitespace(std::string_view text) {
  // TODO: pass 1: is `text` already normalized? Then return it borrowed.
  // pass 2: reserve text.size() (the result is never longer), copy the words with one
  // space between them, and return the string owned (std::move it in).
  MW_TODO();
}

Cow<std::string> escape_html(std::string_view text) {
  // TODO: pass 1: the escaped size. Equal to text.size()? Nothing to escape: borrow.
  // pass 2: reserve the escaped size, append each character or its entity, return owned.
  MW_TODO();
}

void abs_all(Cow<std::vector<int>>& values) {
  // TODO: read through *values; write through values.to_mut() only for a negative element.
  MW_TODO();
}

}  // namespace mw
