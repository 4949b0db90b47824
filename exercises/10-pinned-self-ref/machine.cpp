// machine.cpp — RecordReader::poll: one switch case per await point.
#include "machine.hpp"

#include <mw/todo.hpp>

namespace mw {

std::optional<std::string_view> RecordReader::poll(Pin<RecordReader> pinned, Inbox& inbox) {
  // TODO: a switch on state_, one case per await point (see the top of machine.hpp):
  // Start makes cursor_ point at buffer_ — now, on the first poll, when the reader is
  // pinned; Length reads the length byte (Pending without it) and sets end_; Body reads
  // into [cursor_, end_) until it is full (Pending when the inbox runs dry); Done throws.
  MW_TODO();
}

}  // namespace mw
