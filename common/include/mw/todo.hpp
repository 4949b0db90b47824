// mw/todo.hpp — the "unfinished" marker every stub uses.
//
// A stub must compile, so a learner sees per-test results instead of a wall
// of compiler errors. Each function left to write calls MW_TODO(), which
// throws when reached: the tests that need that function fail with its name,
// every other test still runs and still scores.
#pragma once

#include <stdexcept>
#include <string>

namespace mw {

/// Thrown by MW_TODO(): the learner has not written this function yet.
class not_implemented : public std::logic_error {
 public:
  explicit not_implemented(const std::string& what)
      : std::logic_error("not implemented yet: " + what) {}
};

/// Effects: throws not_implemented naming `function`.
/// Never returns, so it can stand in for any return value.
[[noreturn]] inline void todo(const char* function) {
  throw not_implemented(function);
}

}  // namespace mw

/// Use as the body of an unfinished function: `MW_TODO();`
#define MW_TODO() ::mw::todo(__func__)
