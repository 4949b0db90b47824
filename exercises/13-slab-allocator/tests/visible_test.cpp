// visible_test.cpp — a few of the behaviours the hidden suite grades, to read and to run.
// The hidden suite checks many more (every alignment, payloads of full slabs, random churn
// against a model, exact upstream counts for each list move, object caching, the debug
// checks) with an upstream resource that counts every slab.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include <mwtest/counting_resource.hpp>

#include "slab_cache.hpp"

namespace {

// Objects are aligned, and one slab serves objects_per_slab() of them.
TEST(Visible, OneSlabServesManyAlignedObjects) {
  mwtest::CountingResource upstream;
  mw::SlabCache cache({.object_size = 64, .object_align = 64}, &upstream);
  for (std::size_t i = 0; i < cache.objects_per_slab(); ++i) {
    void* p = cache.allocate();
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 64, 0u);
  }
  EXPECT_EQ(upstream.allocations(), 1u);
  EXPECT_EQ(upstream.sizes()[0], 4096u);
}

// A freed object is the next one handed out, with no new slab.
TEST(Visible, FreedSlotIsReused) {
  mwtest::CountingResource upstream;
  mw::SlabCache cache({.object_size = 24, .object_align = 8}, &upstream);
  void* a = cache.allocate();
  cache.allocate();
  cache.deallocate(a);
  EXPECT_EQ(cache.allocate(), a);
  EXPECT_EQ(upstream.allocations(), 1u);
}

// An emptied slab is kept up to the limit (here 0: it goes back at once).
TEST(Visible, EmptySlabGoesBackPastTheLimit) {
  mwtest::CountingResource upstream;
  mw::SlabCache cache({.object_size = 32, .max_empty_slabs = 0}, &upstream);
  cache.deallocate(cache.allocate());
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_EQ(cache.stats().slabs, 0u);
}

// In a debug build, freeing twice throws mw::slab_error.
TEST(Visible, DoubleFreeIsCaught) {
  mw::SlabCache cache({.object_size = 16});
  void* p = cache.allocate();
  cache.deallocate(p);
  if (mw::SlabCache::debug_checks) EXPECT_THROW(cache.deallocate(p), mw::slab_error);
}

}  // namespace
