// support.hpp — element types and helpers shared by the files of the 12-typed-arena-and-pool
// suite.
//
// Rule for every test of this suite: its first call into the learner's code is one that
// throws on the stub (alloc, alloc_extend, the pool's constructor). The noexcept accessors
// would std::terminate the whole binary on a stub's MW_TODO() instead of failing one test.
#pragma once

#include <cstddef>
#include <memory_resource>
#include <vector>

#include <mwtest/address.hpp>
#include <mwtest/counting_resource.hpp>

namespace arena_suite {

/// Ids of the Recorder objects destroyed so far, in the order their destructors ran.
inline std::vector<int>& destruction_order() {
  static std::vector<int> order;
  return order;
}

/// Records its id in destruction_order() when destroyed: the suite checks the exact order.
struct Recorder {
  explicit Recorder(int id) : id(id) {}
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;
  ~Recorder() { destruction_order().push_back(id); }
  int id;
};

/// Big and over-aligned, so a chunk or slot that ignores alignof(T) shows.
struct alignas(64) Wide {
  explicit Wide(int v) : value(v) {}
  int value;
  std::byte padding[100];
};

/// Aligned to 128, more than the 64 bytes of bookkeeping the README allows for any T.
struct alignas(128) Wider {
  explicit Wider(int v) : value(v) {}
  int value;
};

/// An upstream whose blocks are aligned exactly as asked and never more: each block starts at
/// an odd multiple of the alignment requested. A general-purpose allocator often returns more
/// alignment than it was asked for, which hides a chunk or slab requested with too little;
/// put a mwtest::CountingResource on top of it to count as usual.
class ExactlyAlignedResource : public std::pmr::memory_resource {
 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    auto* raw = static_cast<std::byte*>(upstream_->allocate(bytes + alignment, 2 * alignment));
    return raw + alignment;
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    upstream_->deallocate(static_cast<std::byte*>(p) - alignment, bytes + alignment, 2 * alignment);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
  std::pmr::memory_resource* upstream_ = std::pmr::new_delete_resource();
};

using mwtest::errors_of;
using mwtest::is_aligned;

/// Returns: 0, 1, ..., n - 1.
inline std::vector<int> iota_vector(int n) {
  std::vector<int> values;
  for (int i = 0; i < n; ++i) values.push_back(i);
  return values;
}

}  // namespace arena_suite
