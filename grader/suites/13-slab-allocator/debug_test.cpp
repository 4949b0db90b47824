// debug_test.cpp — the checks of a debug build (the suite is built without NDEBUG):
// deallocate() throws mw::slab_error for a double free, another cache's object or a pointer
// that is not the start of a slot, and changes nothing when it does.
#include <gtest/gtest.h>

#include <set>

#include "support.hpp"

namespace {

using mw::slab_error;
using mw::SlabCache;
using slab_suite::allocate_n;

static_assert(SlabCache::debug_checks, "the suite is a debug build: the checks must be on");

/// Effects: expects `cache` to hand out `count` distinct objects that are not in `live`.
void expect_distinct_fresh_objects(SlabCache& cache, const std::set<void*>& live,
                                   std::size_t count) {
  std::set<void*> seen;
  for (void* p : allocate_n(cache, count)) {
    EXPECT_EQ(live.count(p), 0u) << p << " is still live";
    EXPECT_TRUE(seen.insert(p).second) << p << " was handed out twice";
  }
}

// Freeing an object twice throws slab_error and leaves the free list as it was: the next
// allocations are distinct and none is a live object (kills: no double-free check, which
// puts the slot on the free list twice and hands it out to two owners).
TEST(Debug, DoubleFreeThrowsAndChangesNothing) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = 48, .object_align = 16}, &upstream);
  const auto objects = allocate_n(cache, 10);
  cache.deallocate(objects[3]);
  EXPECT_THROW(cache.deallocate(objects[3]), slab_error);
  EXPECT_EQ(cache.stats().objects_in_use, 9u);
  std::set<void*> live(objects.begin(), objects.end());
  live.erase(objects[3]);
  expect_distinct_fresh_objects(cache, live, 2 * cache.objects_per_slab());
}

// A double free is caught in a slab that emptied and was kept, and in a slab that was full
// (kills: a check that only looks at the partial list, or a counter instead of a per-slot
// record).
TEST(Debug, DoubleFreeIsCaughtInEverySlabState) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = 64, .max_empty_slabs = 1}, &upstream);
  const std::size_t per_slab = cache.objects_per_slab();
  const auto objects = allocate_n(cache, 2 * per_slab);
  for (std::size_t i = 0; i < per_slab; ++i) cache.deallocate(objects[i]);
  ASSERT_EQ(cache.stats().empty_slabs, 1u);
  EXPECT_THROW(cache.deallocate(objects[0]), slab_error);
  EXPECT_THROW(cache.deallocate(objects[per_slab - 1]), slab_error);
  cache.deallocate(objects[per_slab]);
  EXPECT_THROW(cache.deallocate(objects[per_slab]), slab_error);
  EXPECT_EQ(cache.stats().empty_slabs, 1u);
  EXPECT_EQ(cache.stats().objects_in_use, per_slab - 1);
  EXPECT_EQ(upstream.allocations(), 2u);
}

// An object of another cache (same object size) is refused, and neither cache changes
// (kills: trusting the slab header found by the mask without checking its owner).
TEST(Debug, ObjectOfAnotherCacheThrows) {
  mwtest::CountingResource upstream;
  SlabCache mine({.object_size = 32}, &upstream);
  SlabCache theirs({.object_size = 32}, &upstream);
  void* my_object = mine.allocate();
  void* their_object = theirs.allocate();
  EXPECT_THROW(mine.deallocate(their_object), slab_error);
  EXPECT_EQ(mine.stats().objects_in_use, 1u);
  EXPECT_EQ(theirs.stats().objects_in_use, 1u);
  theirs.deallocate(their_object);
  mine.deallocate(my_object);
  EXPECT_EQ(theirs.stats().objects_in_use, 0u);
}

// A pointer into the middle of an object is refused and changes nothing: the object itself
// can still be freed once (kills: an index computed by dividing without checking the
// remainder, which frees the wrong slot; clearing the slot's record before refusing).
TEST(Debug, PointerThatIsNotTheStartOfASlotThrows) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = 64, .object_align = 16}, &upstream);
  const auto objects = allocate_n(cache, 3);
  auto* middle = static_cast<std::byte*>(objects[1]) + 16;
  EXPECT_THROW(cache.deallocate(middle), slab_error);
  EXPECT_THROW(cache.deallocate(static_cast<std::byte*>(objects[1]) + 1), slab_error);
  EXPECT_EQ(cache.stats().objects_in_use, 3u);
  EXPECT_NO_THROW(cache.deallocate(objects[1]));
  EXPECT_EQ(cache.stats().objects_in_use, 2u);
  std::set<void*> live = {objects[0], objects[2]};
  expect_distinct_fresh_objects(cache, live, cache.objects_per_slab());
}

// deallocate(nullptr) is refused like any pointer that is not an object of the cache: it throws
// slab_error and changes nothing (README rule 8). kills: deallocate(nullptr) as a no-op, the
// way free(NULL) is, and a check that reads the header at address 0 first (SIGSEGV).
TEST(Debug, NullPointerThrowsAndChangesNothing) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = 32}, &upstream);
  EXPECT_THROW(cache.deallocate(nullptr), slab_error) << "with no slab held";
  const auto objects = allocate_n(cache, 3);
  EXPECT_THROW(cache.deallocate(nullptr), slab_error) << "with a current slab";
  EXPECT_EQ(cache.stats().objects_in_use, 3u);
  std::set<void*> live(objects.begin(), objects.end());
  expect_distinct_fresh_objects(cache, live, cache.objects_per_slab());
  EXPECT_EQ(upstream.deallocations(), 0u);
}

}  // namespace
