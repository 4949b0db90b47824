// machine.cpp — RecordReader::poll: one switch case per await point.
#include "machine.hpp"

namespace mw {

std::optional<std::string_view> RecordReader::poll(Pin<RecordReader> pinned, Inbox& inbox) {
  // Sound: we change fields in place and never move *this out of its pinned place.
  RecordReader& self = pinned.get_unchecked_mut();
  switch (self.state_) {
    case State::Start:
      // The self-reference is made here, on the first poll, once the machine is pinned.
      self.cursor_ = self.buffer_.data();
      self.state_ = State::Length;
      [[fallthrough]];
    case State::Length: {
      char length = 0;
      if (inbox.read({&length, 1}) == 0) return std::nullopt;
      // The length byte is unsigned: 200 is 200, not -56.
      self.end_ = self.cursor_ + static_cast<unsigned char>(length);
      self.state_ = State::Body;
      [[fallthrough]];
    }
    case State::Body:
      while (self.cursor_ != self.end_) {
        const auto n = inbox.read({self.cursor_, self.end_});
        if (n == 0) return std::nullopt;
        self.cursor_ += n;
      }
      self.state_ = State::Done;
      return std::string_view(self.buffer_.data(), self.end_);
    case State::Done:
      break;
  }
  throw PolledAfterCompletion();
}

}  // namespace mw
