// support.hpp — small helpers shared by the files of the 03-bump-arena suite.
//
// Rule for every test of this suite: its first call into the learner's code is one that
// throws on the stub (allocate, alloc, ...). The arena's noexcept functions would
// std::terminate the whole binary on a stub's MW_TODO() instead of failing one test.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include <mwtest/address.hpp>
#include <mwtest/counting_resource.hpp>

#include "bump_arena.hpp"

namespace bump_suite {

using mwtest::address;
using mwtest::errors_of;
using mwtest::is_aligned;

/// A request to the arena: size and alignment.
struct Request {
  std::size_t size;
  std::size_t align;
};

/// Effects: allocates every request in order. Returns: the pointers.
inline std::vector<void*> allocate_all(mw::BumpArena& arena, const std::vector<Request>& requests) {
  std::vector<void*> pointers;
  for (const auto& r : requests) pointers.push_back(arena.allocate(r.size, r.align));
  return pointers;
}

/// Effects: allocates `size`-byte blocks until upstream has been asked for `chunks` chunks.
/// Returns: how many blocks it allocated.
inline std::size_t allocate_until_chunks(mw::BumpArena& arena,
                                         const mwtest::CountingResource& upstream,
                                         std::size_t chunks, std::size_t size, std::size_t align) {
  std::size_t blocks = 0;
  while (upstream.allocations() < chunks) {
    arena.allocate(size, align);
    ++blocks;
  }
  return blocks;
}

}  // namespace bump_suite
