// slab_adapter.cpp — size-class slab caches behind exercise 04's AllocatorUnderTest.
#include "slab_adapter.hpp"

#include <mimalloc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory_resource>
#include <new>
#include <optional>

#include "slab_cache.hpp"

namespace mw::bench {
namespace {

constexpr std::size_t smallest_class = 16;
constexpr std::size_t largest_class = 4096;
constexpr std::size_t class_count = std::countr_zero(largest_class / smallest_class) + 1;

/// Returns: the index of the class serving (size, align), or class_count when none does.
std::size_t class_of(std::size_t size, std::size_t align) noexcept {
  const std::size_t block = std::bit_ceil(std::max({size, align, smallest_class}));
  return block > largest_class ? class_count
                               : static_cast<std::size_t>(std::countr_zero(block / smallest_class));
}

/// The slabs' upstream: mimalloc's aligned entry points, named explicitly because the
/// process-wide malloc of a binary linking libmimalloc and libjemalloc is whichever the
/// dynamic linker met first.
class MimallocResource final : public std::pmr::memory_resource {
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    void* p = mi_malloc_aligned(bytes, align);
    if (p == nullptr) throw std::bad_alloc();
    return p;
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    mi_free_size_aligned(p, bytes, align);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

class SlabAllocator final : public AllocatorUnderTest {
 public:
  SlabAllocator() {
    for (std::size_t i = 0; i < class_count; ++i) {
      const std::size_t block = smallest_class << i;
      // Slabs of at least 16 objects, so the header costs little even for 4096-byte blocks.
      caches_[i].emplace(SlabOptions{.object_size = block,
                                     .object_align = block,
                                     .slab_bytes = std::max<std::size_t>(4096, 16 * block),
                                     .max_empty_slabs = 1},
                         &upstream_);
    }
  }

  const char* name() const noexcept override { return "slab"; }

  void* allocate(std::size_t size, std::size_t align) override {
    const std::size_t c = class_of(size, align);
    if (c == class_count) return allocate_large(size, align);
    try {
      return caches_[c]->allocate();
    } catch (const std::bad_alloc&) {
      return nullptr;
    }
  }

  void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                   std::size_t align) override {
    const std::size_t c = class_of(new_size, align);
    if (c != class_count && c == class_of(old_size, align)) return p;  // same block size
    void* q = allocate(new_size, align);
    if (q == nullptr) return nullptr;
    std::memcpy(q, p, std::min(old_size, new_size));
    deallocate(p, old_size, align);
    return q;
  }

  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    const std::size_t c = class_of(size, align);
    if (c == class_count) {
      mi_free_size_aligned(p, size, align);
      large_bytes_ -= size;
    } else {
      caches_[c]->deallocate(p);  // no throw: the debug checks are off in this -DNDEBUG build
    }
  }

  void trim() noexcept override {
    for (auto& cache : caches_) cache->shrink();
  }

  std::size_t footprint() const noexcept override {
    std::size_t bytes = large_bytes_;
    for (const auto& cache : caches_) bytes += cache->stats().bytes_held;
    return bytes;
  }

 private:
  void* allocate_large(std::size_t size, std::size_t align) noexcept {
    void* p = mi_malloc_aligned(size, align);
    if (p != nullptr) large_bytes_ += size;
    return p;
  }

  MimallocResource upstream_;  // declared first: the caches give their slabs back to it
  std::array<std::optional<SlabCache>, class_count> caches_;
  std::size_t large_bytes_ = 0;  // live blocks served by mimalloc directly
};

static_assert(!SlabCache::debug_checks,
              "the benchmarks build the slab cache with -DNDEBUG: deallocate must not throw");

}  // namespace

std::unique_ptr<AllocatorUnderTest> make_slab_allocator() {
  return std::make_unique<SlabAllocator>();
}

}  // namespace mw::bench
