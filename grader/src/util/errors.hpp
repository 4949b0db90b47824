// util/errors.hpp — the three ways a grader command fails, and the exit status of each.
//
// `main` maps each exception type to one exit status, so a command only says what went
// wrong. 0 means grading ran (whatever the score) and 1 that a threshold the command
// checks was not met; those are returned, not thrown.
#pragma once

#include <stdexcept>

namespace grader {

/// The command line asked for something that cannot be done: an unknown exercise, a
/// workspace that does not exist, a tree that is not a course. Exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The grader itself cannot work here: a file it needs cannot be read or written, a tool
/// it runs is missing. Exit status 3. (Any other std::exception is reported the same way.)
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The command stopped on SIGINT or SIGTERM after saying what it kept. Exit status 130.
class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitUsage = 2;
inline constexpr int kExitSetup = 3;
inline constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

}  // namespace grader
