#include "watch/terminal.hpp"

#include <poll.h>
#include <unistd.h>

namespace grader {

RawKeys::RawKeys() {
  if (isatty(STDIN_FILENO) == 0 || tcgetattr(STDIN_FILENO, &saved_) != 0) return;
  termios mode = saved_;
  mode.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
  mode.c_cc[VMIN] = 1;
  mode.c_cc[VTIME] = 0;
  raw_ = tcsetattr(STDIN_FILENO, TCSANOW, &mode) == 0;
}

RawKeys::~RawKeys() {
  if (raw_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
}

std::optional<char> RawKeys::read_key(int timeout_ms) {
  pollfd fd{STDIN_FILENO, POLLIN, 0};
  if (poll(&fd, 1, timeout_ms) <= 0) return std::nullopt;
  char key = 0;
  if (read(STDIN_FILENO, &key, 1) != 1) return 'q';
  return key;
}

}  // namespace grader
