// global_new.hpp — counters fed by the replaced global operator new/delete.
//
// global_new.cpp replaces every global operator new and operator delete
// overload, the C++ form of Rust's `#[global_allocator]`: every `new`
// expression, every std::allocator (std::vector, std::string, std::map...)
// and every std::make_shared of the program goes through it. Each block
// carries a small header in front of it that records its size, so even an
// unsized `operator delete(void*)` knows how many bytes it frees (Rust's
// `GlobalAlloc::dealloc` is always given the Layout; C++ only sometimes).
#pragma once

#include <cstddef>

// Stub note: global_new.cpp already replaces every operator new/delete form,
// forwarding to malloc/free without counting, because the test binary
// allocates before main and needs a working operator new from the first
// instruction. Your job: make every form count (and behave as the standard
// requires), then write the functions below. They are not noexcept in the
// stub so that MW_TODO() can throw; add noexcept as you write them.

namespace mw {

/// What the replaced operator new/delete counted. Sizes are what callers
/// asked for, without the header.
struct AllocStats {
  std::size_t allocations = 0;        ///< successful operator new calls
  std::size_t deallocations = 0;      ///< operator delete calls with a non-null pointer
  std::size_t bytes_allocated = 0;    ///< sum of the sizes allocated
  std::size_t bytes_deallocated = 0;  ///< sum of the sizes deallocated

  /// Returns: bytes allocated minus bytes deallocated; negative when a region
  /// freed more than it allocated.
  std::ptrdiff_t net_bytes() const noexcept {
    return static_cast<std::ptrdiff_t>(bytes_allocated - bytes_deallocated);
  }
  /// Returns: the counts of `a` minus those of `b`, field by field.
  friend AllocStats operator-(const AllocStats& a, const AllocStats& b) noexcept {
    return {a.allocations - b.allocations, a.deallocations - b.deallocations,
            a.bytes_allocated - b.bytes_allocated, a.bytes_deallocated - b.bytes_deallocated};
  }
  friend bool operator==(const AllocStats&, const AllocStats&) = default;
};

/// Returns: what every thread of the process allocated and freed so far.
/// Exact even while threads allocate concurrently (the counters are atomics).
AllocStats global_stats();

/// Returns: what the calling thread allocated and freed so far. A block is
/// counted by the thread that allocates it and by the thread that frees it.
AllocStats thread_stats();

/// Measures what the calling thread allocates and frees during its lifetime:
///
///     mw::ScopedCounter counter;
///     std::vector<int> v(100);
///     assert(counter.stats().bytes_allocated == 400);
///
/// Thread safety: it reads the calling thread's counters, so allocations by
/// other threads (a logger, a thread pool, the test framework) never leak into
/// the measurement, and several threads can each measure their own region at
/// the same time. Use one only on the thread that created it; compare
/// global_stats() before and after to measure the whole process.
class ScopedCounter {
 public:
  /// Effects: starts measuring from the calling thread's current counters.
  ScopedCounter();
  ScopedCounter(const ScopedCounter&) = delete;
  ScopedCounter& operator=(const ScopedCounter&) = delete;

  /// Returns: what this thread allocated and freed since construction.
  /// Requires: called on the thread that constructed this counter.
  AllocStats stats() const;

 private:
  AllocStats start_;
};

}  // namespace mw
