// tracking.hpp — TrackingResource: a std::pmr::memory_resource that wraps an
// upstream resource and keeps statistics about what passes through it.
//
// It is the C++ form of a Rust "counting allocator" that wraps another
// allocator (a `GlobalAlloc` or an `Allocator` that delegates to `System`):
// every request is forwarded unchanged, and the wrapper only counts.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <memory_resource>

namespace mw {

/// Number of buckets in a size histogram. Bucket k counts requests of
/// (2^(k-1), 2^k] bytes; bucket 0 counts requests of 0 or 1 byte; the last
/// bucket also counts every request too big for the buckets before it.
inline constexpr std::size_t kHistogramBuckets = 32;

/// Returns: the histogram bucket of a request of `bytes`: 0 for 0 and 1,
/// otherwise ceil(log2(bytes)), capped at kHistogramBuckets - 1.
/// Examples: 2 -> 1, 3 and 4 -> 2, 5..8 -> 3, 1000 -> 10, 1024 -> 10, 1025 -> 11.
std::size_t histogram_bucket(std::size_t bytes) noexcept;

/// A memory_resource that forwards every request to an upstream resource,
/// unchanged, and counts it.
///
/// Thread safety: any number of threads may allocate, deallocate and read the
/// statistics at the same time. The counters are atomics updated without
/// locks; the peak is raised with a compare-and-swap loop, so it is never
/// lower than a value live_bytes() actually reached. Statistics read while
/// other threads allocate are each exact but not a consistent snapshot.
class TrackingResource : public std::pmr::memory_resource {
 public:
  /// Effects: a tracker with all counters at zero that forwards to `upstream`.
  /// Requires: `upstream` is not null and outlives this object.
  explicit TrackingResource(
      std::pmr::memory_resource* upstream = std::pmr::get_default_resource()) noexcept
      : upstream_(upstream) {}

  // Blocks allocated through a tracker must be freed through the same tracker.
  TrackingResource(const TrackingResource&) = delete;
  TrackingResource& operator=(const TrackingResource&) = delete;

  /// Returns: the resource every request is forwarded to.
  std::pmr::memory_resource* upstream() const noexcept { return upstream_; }

  /// Returns: bytes allocated and not yet deallocated, as requested by callers.
  std::size_t live_bytes() const noexcept;
  /// Returns: the highest live_bytes() since construction or the last reset_peak().
  std::size_t peak_bytes() const noexcept;
  /// Returns: the number of successful allocations so far.
  std::size_t allocations() const noexcept;
  /// Returns: the number of deallocations so far.
  std::size_t deallocations() const noexcept;
  /// Returns: for each bucket (see histogram_bucket), the number of successful
  /// allocations whose size falls in it.
  std::array<std::size_t, kHistogramBuckets> histogram() const noexcept;

  /// Effects: sets the peak to the current live_bytes(), to measure the peak of
  /// a new phase of a program.
  void reset_peak() noexcept;

 private:
  /// Effects: allocates from upstream with exactly `bytes` and `alignment`, then counts.
  /// Throws: whatever upstream throws; nothing is counted then.
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  /// Effects: counts, then returns the block to upstream with the same size and alignment.
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override;
  /// Returns: true only for this very object: a block allocated by one tracker
  /// must not be freed through another, even one with the same upstream, or
  /// both trackers would count wrong.
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override;

  std::pmr::memory_resource* upstream_;
  std::atomic<std::size_t> live_bytes_{0};
  std::atomic<std::size_t> peak_bytes_{0};
  std::atomic<std::size_t> deallocations_{0};
  // Every allocation lands in exactly one bucket, so the buckets also count the
  // allocations: one atomic add per allocate instead of two (the fast path is the point).
  std::array<std::atomic<std::size_t>, kHistogramBuckets> histogram_{};
};

}  // namespace mw
