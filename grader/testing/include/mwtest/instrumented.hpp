// mwtest/instrumented.hpp — element types that count their own lives.
//
// Hidden suites use them to check constructor/destructor balance (a
// forgotten destructor, a double destroy), copies versus moves, and exception
// safety (a type whose copy or construction throws on demand).
//
// Two flavours of one template, told apart by their move constructor:
// - Instrumented: the move constructor is deliberately noexcept(false), so a container
//   that relocates with std::move_if_noexcept must COPY it; every construction, moves
//   included, can be made to throw.
// - NothrowInstrumented: the move constructor is noexcept, so the same container must
//   MOVE it; value constructions and copies can be made to throw, moves never throw.
// Both count into the same life_counts(), so a suite checks either with one set of
// counters; each keeps its own throw_after countdown.
#pragma once

#include <cstddef>
#include <stdexcept>

namespace mwtest {

/// Counters shared by every Instrumented and NothrowInstrumented object. Reset them at the
/// start of a test.
struct LifeCounts {
  std::size_t constructed = 0;  ///< every constructor, including copies and moves
  std::size_t destroyed = 0;
  std::size_t copies = 0;
  std::size_t moves = 0;
  /// Objects alive now. Negative means something was destroyed twice.
  long alive() const { return static_cast<long>(constructed) - static_cast<long>(destroyed); }
};

inline LifeCounts& life_counts() {
  static LifeCounts counts;
  return counts;
}

/// Thrown by Instrumented and NothrowInstrumented when asked to fail.
struct InstrumentedError : std::runtime_error {
  InstrumentedError() : std::runtime_error("Instrumented: planned failure") {}
};

/// A value type that records its constructions, copies, moves and destructions in
/// life_counts(). `throw_after(n)` makes the n-th next construction throw InstrumentedError;
/// with NothrowMove, moves are noexcept and do not count towards n.
/// Use it through the aliases Instrumented and NothrowInstrumented below.
template <bool NothrowMove>
class BasicInstrumented {
 public:
  explicit BasicInstrumented(int value = 0) : value_(value) { born(); }
  BasicInstrumented(const BasicInstrumented& other) : value_(other.value_) {
    born();
    ++life_counts().copies;
  }
  BasicInstrumented(BasicInstrumented&& other) noexcept(NothrowMove) : value_(other.value_) {
    if constexpr (NothrowMove) {
      ++life_counts().constructed;  // never throws, whatever throw_after says
    } else {
      born();
    }
    ++life_counts().moves;
    other.value_ = -1;
  }
  BasicInstrumented& operator=(const BasicInstrumented& other) {
    value_ = other.value_;
    ++life_counts().copies;
    return *this;
  }
  BasicInstrumented& operator=(BasicInstrumented&& other) noexcept {
    value_ = other.value_;
    other.value_ = -1;
    ++life_counts().moves;
    return *this;
  }
  ~BasicInstrumented() {
    ++life_counts().destroyed;
    value_ = -2;  // Poison: a use after destruction reads -2.
  }

  int value() const { return value_; }
  friend bool operator==(const BasicInstrumented& a, const BasicInstrumented& b) {
    return a.value_ == b.value_;
  }

  /// Effects: resets every counter (shared by both flavours) and disarms this flavour's
  /// planned failure.
  static void reset() {
    life_counts() = LifeCounts{};
    countdown() = 0;
  }
  /// Effects: the n-th construction from now (n >= 1) throws InstrumentedError; with
  /// NothrowMove, moves do not count.
  static void throw_after(std::size_t n) { countdown() = n; }

 private:
  static std::size_t& countdown() {
    static std::size_t n = 0;  // one per flavour
    return n;
  }
  void born() {
    if (countdown() != 0 && --countdown() == 0) throw InstrumentedError();
    ++life_counts().constructed;
  }

  int value_;
};

/// Counted, and its move constructor may throw: relocation must copy it.
using Instrumented = BasicInstrumented<false>;
/// Counted, and its move constructor is noexcept: relocation must move it.
using NothrowInstrumented = BasicInstrumented<true>;

}  // namespace mwtest
