// slab_adapter.hpp — exercise 13's slab cache and exercise 12's object pool as allocators
// of exercise 04's harness (mdriver, bench-trace-replay).
//
// A slab cache or a pool serves ONE object size, and the traces mix sizes, so each adapter
// is a set of size classes — powers of two from 16 to 4096 bytes, one cache or pool per
// class, every block naturally aligned to its class — in front of mimalloc, which serves
// what is larger (or more aligned) than 4096 bytes. Built by benchmarks/13-slab-allocator.cmake.
#pragma once

#include <memory>

#include "allocator.hpp"

namespace mw::bench {

/// Size-class slab caches of exercise 13 (slabs of max(4096, 16 * class) bytes, one empty
/// slab kept per class) over mimalloc; blocks above 4096 bytes go to mimalloc directly.
/// reallocate keeps the slot while the class does not change and calls mi_realloc_aligned
/// for a block that stays large. footprint is the bytes of the slabs held plus, for each
/// live large block, the size mimalloc gave it (mi_usable_size).
std::unique_ptr<AllocatorUnderTest> make_slab_allocator();

/// Size-class object pools of exercise 12: one ObjectPool per class, of a fixed capacity
/// (64 KiB of blocks, at least 64) taken on the class's first allocation; a block the pool
/// of its class cannot give (exhausted, or above 4096 bytes) comes from mimalloc. Each pool's
/// RAII handles are kept in a vector indexed by slot, so deallocate(p) finds its handle in
/// O(1). reallocate as the slab's. footprint is every pool's slab and handle table plus the
/// live mimalloc blocks at mi_usable_size.
std::unique_ptr<AllocatorUnderTest> make_pool_allocator();

}  // namespace mw::bench
