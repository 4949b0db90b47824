// watch/terminal.hpp — single key presses from a terminal.
#pragma once

#include <termios.h>

#include <optional>

namespace grader {

/// While alive, standard input delivers key presses one at a time without echo
/// (when it is a terminal); the previous mode is restored on destruction,
/// including when an exception unwinds through it.
class RawKeys {
 public:
  RawKeys();
  ~RawKeys();
  RawKeys(const RawKeys&) = delete;
  RawKeys& operator=(const RawKeys&) = delete;

  /// Returns: a key pressed within `timeout_ms`, or nullopt. At end of input it
  /// returns 'q', so `watch` ends when its input does.
  std::optional<char> read_key(int timeout_ms);

 private:
  bool raw_ = false;
  termios saved_{};
};

}  // namespace grader
