// mwtest/nothrow_instrumented.hpp — Instrumented's twin whose move constructor is noexcept.
//
// Instrumented's move constructor is deliberately noexcept(false), so a container that
// relocates with std::move_if_noexcept must COPY it. NothrowInstrumented is the other
// case: its move constructor is noexcept, so the same container must MOVE it. Both count
// into the same mwtest::life_counts(), so a suite checks either with one set of counters.
// Copies (and value constructions) can be made to throw, moves never throw.
#pragma once

#include <cstddef>

#include <mwtest/instrumented.hpp>

namespace mwtest {

/// A value type counted in life_counts(), with a noexcept move constructor.
/// `throw_after(n)` makes the n-th next value construction or copy throw InstrumentedError.
class NothrowInstrumented {
 public:
  explicit NothrowInstrumented(int value = 0) : value_(value) { born_or_throw(); }
  NothrowInstrumented(const NothrowInstrumented& other) : value_(other.value_) {
    born_or_throw();
    ++life_counts().copies;
  }
  NothrowInstrumented(NothrowInstrumented&& other) noexcept : value_(other.value_) {
    ++life_counts().constructed;
    ++life_counts().moves;
    other.value_ = -1;
  }
  NothrowInstrumented& operator=(const NothrowInstrumented& other) {
    value_ = other.value_;
    ++life_counts().copies;
    return *this;
  }
  NothrowInstrumented& operator=(NothrowInstrumented&& other) noexcept {
    value_ = other.value_;
    other.value_ = -1;
    ++life_counts().moves;
    return *this;
  }
  ~NothrowInstrumented() {
    ++life_counts().destroyed;
    value_ = -2;  // Poison: a use after destruction reads -2.
  }

  int value() const { return value_; }
  friend bool operator==(const NothrowInstrumented& a, const NothrowInstrumented& b) {
    return a.value_ == b.value_;
  }

  /// Effects: resets every counter (shared with Instrumented) and disarms any planned failure.
  static void reset() {
    life_counts() = LifeCounts{};
    countdown() = 0;
  }
  /// Effects: the n-th value construction or copy from now (n >= 1) throws; moves do not count.
  static void throw_after(std::size_t n) { countdown() = n; }

 private:
  static std::size_t& countdown() {
    static std::size_t n = 0;
    return n;
  }
  void born_or_throw() {
    if (countdown() != 0 && --countdown() == 0) throw InstrumentedError();
    ++life_counts().constructed;
  }

  int value_;
};

}  // namespace mwtest
