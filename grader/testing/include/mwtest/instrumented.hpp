// mwtest/instrumented.hpp — element types that count their own lives.
//
// Hidden suites use them to check constructor/destructor balance (a
// forgotten destructor, a double destroy), copies versus moves, and exception
// safety (a type whose copy or construction throws on demand).
#pragma once

#include <cstddef>
#include <stdexcept>

namespace mwtest {

/// Counters shared by every Instrumented object. Reset them at the start of a test.
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

/// Thrown by Instrumented when asked to fail.
struct InstrumentedError : std::runtime_error {
  InstrumentedError() : std::runtime_error("Instrumented: planned failure") {}
};

/// A value type that records its constructions, copies, moves and destructions in
/// life_counts(). `throw_after(n)` makes the n-th next construction (of any kind) throw.
class Instrumented {
 public:
  explicit Instrumented(int value = 0) : value_(value) { born(); }
  Instrumented(const Instrumented& other) : value_(other.value_) {
    born();
    ++life_counts().copies;
  }
  Instrumented(Instrumented&& other) noexcept(false) : value_(other.value_) {
    born();
    ++life_counts().moves;
    other.value_ = -1;
  }
  Instrumented& operator=(const Instrumented& other) {
    value_ = other.value_;
    ++life_counts().copies;
    return *this;
  }
  Instrumented& operator=(Instrumented&& other) noexcept {
    value_ = other.value_;
    other.value_ = -1;
    ++life_counts().moves;
    return *this;
  }
  ~Instrumented() {
    ++life_counts().destroyed;
    value_ = -2;  // Poison: a use after destruction reads -2.
  }

  int value() const { return value_; }
  friend bool operator==(const Instrumented& a, const Instrumented& b) {
    return a.value_ == b.value_;
  }

  /// Effects: resets every counter and disarms any planned failure.
  static void reset() {
    life_counts() = LifeCounts{};
    countdown() = 0;
  }
  /// Effects: the n-th construction from now (n >= 1) throws InstrumentedError.
  static void throw_after(std::size_t n) { countdown() = n; }

 private:
  static std::size_t& countdown() {
    static std::size_t n = 0;
    return n;
  }
  void born() {
    if (countdown() != 0 && --countdown() == 0) throw InstrumentedError();
    ++life_counts().constructed;
  }

  int value_;
};

}  // namespace mwtest
