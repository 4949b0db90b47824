// tracking.cpp — TrackingResource and the size histogram.
#include "tracking.hpp"

#include <bit>

namespace mw {

// Statistics publish no other data, so relaxed atomics are enough: each
// counter is exact, and no thread reads memory through a counter's value.
constexpr auto kRelaxed = std::memory_order_relaxed;

std::size_t histogram_bucket(std::size_t bytes) noexcept {
  // std::bit_width(n - 1) == ceil(log2(n)) for n >= 2, and 0 for n == 1.
  const std::size_t bucket = bytes <= 1 ? 0 : std::bit_width(bytes - 1);
  return bucket < kHistogramBuckets ? bucket : kHistogramBuckets - 1;
}

std::size_t TrackingResource::live_bytes() const noexcept {
  return live_bytes_.load(kRelaxed);
}
std::size_t TrackingResource::peak_bytes() const noexcept {
  return peak_bytes_.load(kRelaxed);
}
std::size_t TrackingResource::allocations() const noexcept {
  std::size_t total = 0;
  for (const auto& bucket : histogram_) total += bucket.load(kRelaxed);
  return total;
}
std::size_t TrackingResource::deallocations() const noexcept {
  return deallocations_.load(kRelaxed);
}

std::array<std::size_t, kHistogramBuckets> TrackingResource::histogram() const noexcept {
  std::array<std::size_t, kHistogramBuckets> counts{};
  for (std::size_t i = 0; i < kHistogramBuckets; ++i) counts[i] = histogram_[i].load(kRelaxed);
  return counts;
}

void TrackingResource::reset_peak() noexcept {
  peak_bytes_.store(live_bytes_.load(kRelaxed), kRelaxed);
}

void* TrackingResource::do_allocate(std::size_t bytes, std::size_t alignment) {
  // Upstream first: if it throws, nothing was allocated and nothing is counted.
  void* p = upstream_->allocate(bytes, alignment);
  histogram_[histogram_bucket(bytes)].fetch_add(1, kRelaxed);
  const std::size_t live = live_bytes_.fetch_add(bytes, kRelaxed) + bytes;
  // Raise the peak to `live` unless another thread already raised it higher.
  // A plain load-compare-store could overwrite a higher peak stored meanwhile.
  std::size_t peak = peak_bytes_.load(kRelaxed);
  while (live > peak && !peak_bytes_.compare_exchange_weak(peak, live, kRelaxed)) {
  }
  return p;
}

void TrackingResource::do_deallocate(void* p, std::size_t bytes, std::size_t alignment) {
  deallocations_.fetch_add(1, kRelaxed);
  live_bytes_.fetch_sub(bytes, kRelaxed);
  upstream_->deallocate(p, bytes, alignment);
}

bool TrackingResource::do_is_equal(const std::pmr::memory_resource& other) const noexcept {
  return this == &other;
}

}  // namespace mw
