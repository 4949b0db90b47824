// mwtest/atomic_instrumented.hpp — a value type that counts its own lives from many threads.
//
// Instrumented (instrumented.hpp) counts with plain integers, which is right for
// single-threaded suites and a data race in concurrent ones. SharedInstrumented counts
// constructions and destructions with atomics, so a suite running under ThreadSanitizer can
// check exact destruction counts while handles are dropped from many threads. It also
// gives threads something to write into through a shared, const reference (one slot per
// thread, like a value behind Rust's Arc<Mutex<..>> or an atomic field), and its destructor
// reads every slot: when the last user's writes do not happen before the destructor, TSan
// reports the race — exactly what a missing acquire/release on a reference count causes.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>

namespace mwtest {

/// Counters shared by every SharedInstrumented object. Reset them at the start of a test.
struct AtomicLifeCounts {
  std::atomic<std::size_t> constructed{0};
  std::atomic<std::size_t> destroyed{0};
  /// The sum of the slots the last destroyed object held (see SharedInstrumented).
  std::atomic<long> last_slot_sum{0};
  /// Objects alive now. Negative means something was destroyed twice.
  long alive() const {
    return static_cast<long>(constructed.load()) - static_cast<long>(destroyed.load());
  }
};

inline AtomicLifeCounts& atomic_life_counts() {
  static AtomicLifeCounts counts;
  return counts;
}

/// A value whose constructions and destructions are counted atomically in
/// atomic_life_counts(), which knows whether it is still alive (its destructor poisons it)
/// and which holds kSlots slots that threads may write through a const reference.
class SharedInstrumented {
 public:
  static constexpr std::size_t kSlots = 16;

  explicit SharedInstrumented(int value = 0) : value_(value) { ++atomic_life_counts().constructed; }
  SharedInstrumented(const SharedInstrumented& other) : value_(other.value_) {
    ++atomic_life_counts().constructed;
  }
  SharedInstrumented& operator=(const SharedInstrumented&) = delete;

  /// Effects: reads every slot (plain reads: a racing write is a TSan report), publishes
  /// their sum in last_slot_sum, poisons the object and counts the destruction.
  ~SharedInstrumented() {
    long sum = 0;
    for (const long slot : slots_) sum += slot;
    atomic_life_counts().last_slot_sum = sum;
    state_ = kDead;
    value_ = -2;
    ++atomic_life_counts().destroyed;
  }

  int value() const { return value_; }
  /// Returns: false once the destructor has run (a use after destruction).
  bool is_alive() const { return state_ == kAlive; }

  /// Effects: a plain write into slot `i` (each thread must use its own slot).
  void write_slot(std::size_t i, long v) const { slots_[i] = v; }

  /// Effects: resets every counter.
  static void reset() {
    atomic_life_counts().constructed = 0;
    atomic_life_counts().destroyed = 0;
    atomic_life_counts().last_slot_sum = 0;
  }

 private:
  static constexpr unsigned kAlive = 0xA11CEu;
  static constexpr unsigned kDead = 0xDEADu;

  int value_;
  unsigned state_ = kAlive;
  mutable std::array<long, kSlots> slots_{};
};

}  // namespace mwtest
