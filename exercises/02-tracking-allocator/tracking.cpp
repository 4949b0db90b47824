// tracking.cpp — TrackingResource and the size histogram.
#include "tracking.hpp"

#include <mw/todo.hpp>

namespace mw {

std::size_t histogram_bucket(std::size_t bytes) {
  MW_TODO();
}

std::size_t TrackingResource::live_bytes() const {
  MW_TODO();
}
std::size_t TrackingResource::peak_bytes() const {
  MW_TODO();
}
std::size_t TrackingResource::allocations() const {
  MW_TODO();
}
std::size_t TrackingResource::deallocations() const {
  MW_TODO();
}
std::array<std::size_t, kHistogramBuckets> TrackingResource::histogram() const {
  MW_TODO();
}

void TrackingResource::reset_peak() {
  MW_TODO();
}

// TODO: forward to upstream_ with exactly the size and alignment asked for,
// and count only what upstream really allocated.
void* TrackingResource::do_allocate(std::size_t bytes, std::size_t alignment) {
  MW_TODO();
}

// TODO: count, and give the block back to upstream_ as it was allocated.
void TrackingResource::do_deallocate(void* p, std::size_t bytes, std::size_t alignment) {
  MW_TODO();
}

bool TrackingResource::do_is_equal(const std::pmr::memory_resource& other) const noexcept {
  MW_TODO();
}

}  // namespace mw
