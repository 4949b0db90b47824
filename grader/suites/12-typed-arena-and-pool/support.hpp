// support.hpp — element types and helpers shared by the files of the 12-typed-arena-and-pool
// suite.
//
// Rule for every test of this suite: its first call into the learner's code is one that
// throws on the stub (alloc, alloc_extend, the pool's constructor). The noexcept accessors
// would std::terminate the whole binary on a stub's MW_TODO() instead of failing one test.
#pragma once

#include <cstddef>
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

using mwtest::errors_of;
using mwtest::is_aligned;

/// Returns: 0, 1, ..., n - 1.
inline std::vector<int> iota_vector(int n) {
  std::vector<int> values;
  for (int i = 0; i < n; ++i) values.push_back(i);
  return values;
}

}  // namespace arena_suite
