// lists_test.cpp — the partial, full and empty lists, counted exactly through the upstream
// resource: when a slab is taken, reused, kept and released, and the statistics.
#include <gtest/gtest.h>

#include <new>

#include "support.hpp"

namespace {

using mw::SlabCache;
using slab_suite::allocate_n;
using slab_suite::errors_of;
using slab_suite::slab_base;

constexpr std::size_t object_size = 64;

// One slab serves exactly objects_per_slab() allocations; the next one takes a second slab
// (kills: a new slab per allocation, a slab never marked full, capacity off by one).
TEST(Lists, OneSlabServesObjectsPerSlabAllocations) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size}, &upstream);
  EXPECT_EQ(upstream.allocations(), 0u) << "a new cache takes no slab yet";
  const std::size_t per_slab = cache.objects_per_slab();
  allocate_n(cache, per_slab);
  EXPECT_EQ(upstream.allocations(), 1u);
  EXPECT_EQ(cache.stats().full_slabs, 1u);
  EXPECT_EQ(cache.stats().partial_slabs, 0u);
  cache.allocate();
  EXPECT_EQ(upstream.allocations(), 2u);
  EXPECT_EQ(cache.stats().partial_slabs, 1u);
  EXPECT_EQ(upstream.sizes(), (std::vector<std::size_t>{4096, 4096}));
}

// A new slab hands out its slots in address order, lowest first, and inside a slab the slot
// given back last comes out first (README rule 4). kills: threading a new slab's free list
// by pushing its slots in address order, which hands out the highest slot first.
TEST(Lists, ANewSlabHandsOutItsLowestSlotFirst) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = 48, .object_align = 16}, &upstream);
  const auto objects = allocate_n(cache, cache.objects_per_slab());
  ASSERT_EQ(upstream.allocations(), 1u);
  for (std::size_t i = 1; i < objects.size(); ++i) {
    ASSERT_EQ(slab_suite::address(objects[i]),
              slab_suite::address(objects[i - 1]) + cache.slot_bytes())
        << "object " << i << " should follow object " << i - 1;
  }
  cache.deallocate(objects[3]);
  cache.deallocate(objects[7]);
  EXPECT_EQ(cache.allocate(), objects[7]);
  EXPECT_EQ(cache.allocate(), objects[3]);
}

// Freeing an object of a full slab makes that slot the next allocation, with no upstream
// call (kills: a full slab not moved back to the partial list on free, so allocate() asks
// upstream for a slab it does not need).
TEST(Lists, FreeInAFullSlabIsReusedWithoutUpstream) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size}, &upstream);
  const std::size_t per_slab = cache.objects_per_slab();
  const auto objects = allocate_n(cache, 2 * per_slab);
  ASSERT_EQ(upstream.allocations(), 2u);
  ASSERT_EQ(cache.stats().full_slabs, 2u);
  void* first_slab_object = objects[per_slab / 2];
  cache.deallocate(first_slab_object);
  EXPECT_EQ(cache.stats().full_slabs, 1u);
  EXPECT_EQ(cache.stats().partial_slabs, 1u);
  EXPECT_EQ(cache.allocate(), first_slab_object);
  cache.deallocate(objects[0]);
  cache.deallocate(objects[2 * per_slab - 1]);
  allocate_n(cache, 2);
  EXPECT_EQ(upstream.allocations(), 2u) << "a freed slot was there to reuse";
  EXPECT_EQ(cache.stats().full_slabs, 2u);
}

// A partial slab is filled before a kept empty slab is touched (kills: taking from the
// empty list first, which spreads objects over more slabs and keeps none reclaimable).
TEST(Lists, PartialSlabsAreFilledBeforeEmptyOnes) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size, .max_empty_slabs = 1}, &upstream);
  const std::size_t per_slab = cache.objects_per_slab();
  const auto objects = allocate_n(cache, 2 * per_slab);
  for (std::size_t i = 0; i < per_slab; ++i) cache.deallocate(objects[i]);  // slab 1 empty
  cache.deallocate(objects[per_slab]);                                      // slab 2 partial
  ASSERT_EQ(cache.stats().empty_slabs, 1u);
  ASSERT_EQ(cache.stats().partial_slabs, 1u);
  EXPECT_EQ(cache.allocate(), objects[per_slab]);
  EXPECT_EQ(cache.stats().empty_slabs, 1u);
  void* from_empty = cache.allocate();  // slab 2 is full again: now the empty one serves
  EXPECT_EQ(slab_base(from_empty, 4096), slab_base(objects[0], 4096));
  EXPECT_EQ(cache.stats().empty_slabs, 0u);
  EXPECT_EQ(upstream.allocations(), 2u);
}

// The partial list is last in, first out: with the current slab still holding free slots,
// slab A and then slab B get a slot back; once the current slab is full, B's slot comes out
// before A's, then a new slab (README rule 4). kills: a first-in-first-out partial list
// (A before B), and any order that asks upstream while a slot is free.
TEST(Lists, PartialSlabsAreTakenLastInFirstOut) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size}, &upstream);
  const std::size_t per_slab = cache.objects_per_slab();
  const auto objects = allocate_n(cache, 3 * per_slab + 1);  // A, B, C full; D current
  ASSERT_EQ(upstream.allocations(), 4u);
  void* from_a = objects[5];
  void* from_b = objects[per_slab + 5];
  cache.deallocate(from_a);  // the current slab has room: A goes on the partial list
  cache.deallocate(from_b);  // then B, in front of it
  ASSERT_EQ(cache.stats().partial_slabs, 3u);
  allocate_n(cache, per_slab - 1);  // fills the current slab
  ASSERT_EQ(upstream.allocations(), 4u);
  EXPECT_EQ(cache.allocate(), from_b) << "B got a slot back last: it comes out first";
  EXPECT_EQ(cache.allocate(), from_a);
  EXPECT_EQ(upstream.allocations(), 4u);
  cache.allocate();
  EXPECT_EQ(upstream.allocations(), 5u);
}

// The empty list is last in, first out: slabs A, B, C empty in that order (the limit keeps
// all three); once the current slab is full, C serves first, then B, then A (README rule 4).
// kills: a first-in-first-out empty list (A first).
TEST(Lists, EmptySlabsAreTakenLastInFirstOut) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size, .max_empty_slabs = 3}, &upstream);
  const std::size_t per_slab = cache.objects_per_slab();
  const auto objects = allocate_n(cache, 4 * per_slab + 1);  // A, B, C, D full; E current
  for (std::size_t i = 0; i < 3 * per_slab; ++i) cache.deallocate(objects[i]);
  ASSERT_EQ(cache.stats().empty_slabs, 3u);
  allocate_n(cache, per_slab - 1);  // fills the current slab
  ASSERT_EQ(upstream.allocations(), 5u);
  for (std::size_t slab : {2u, 1u, 0u}) {
    const auto taken = allocate_n(cache, per_slab);
    for (void* p : taken) {
      EXPECT_EQ(slab_base(p, 4096), slab_base(objects[slab * per_slab], 4096))
          << "expected slab "
          << "ABC"[slab] << ", which emptied "
          << (slab == 2   ? "last"
              : slab == 1 ? "second"
                          : "first");
    }
  }
  EXPECT_EQ(upstream.allocations(), 5u);
  EXPECT_EQ(cache.stats().empty_slabs, 0u);
}

// With a limit of 2, emptying 5 slabs keeps 2 and releases 3, each with its size and
// alignment; the 2 kept ones then serve without upstream (kills: empty slabs never released,
// all released, released one too early or too late).
TEST(Lists, EmptySlabsBeyondTheLimitGoBackUpstream) {
  mwtest::CountingResource upstream;
  {
    SlabCache cache({.object_size = object_size, .max_empty_slabs = 2}, &upstream);
    const std::size_t per_slab = cache.objects_per_slab();
    const auto objects = allocate_n(cache, 5 * per_slab);
    for (void* p : objects) cache.deallocate(p);
    EXPECT_EQ(upstream.deallocations(), 3u);
    EXPECT_EQ(upstream.live_blocks(), 2u);
    EXPECT_EQ(cache.stats().empty_slabs, 2u);
    EXPECT_EQ(cache.stats().slabs, 2u);
    allocate_n(cache, 2 * per_slab);
    EXPECT_EQ(upstream.allocations(), 5u) << "the two kept slabs should have served these";
    cache.allocate();
    EXPECT_EQ(upstream.allocations(), 6u);
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// With a limit of 0 a slab goes back the moment it empties, and comes back when needed
// (kills: comparing the limit with <= instead of <, keeping one slab regardless).
TEST(Lists, ZeroLimitReleasesASlabAsSoonAsItEmpties) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size, .max_empty_slabs = 0}, &upstream);
  for (int round = 1; round <= 3; ++round) {
    void* p = cache.allocate();
    cache.deallocate(p);
    EXPECT_EQ(upstream.allocations(), static_cast<std::size_t>(round));
    EXPECT_EQ(upstream.deallocations(), static_cast<std::size_t>(round));
    EXPECT_EQ(cache.stats().slabs, 0u);
  }
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// shrink() releases every empty slab and only those (kills: releasing partial slabs,
// leaving the empty list pointing at freed slabs).
TEST(Lists, ShrinkReleasesEveryEmptySlab) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size, .max_empty_slabs = 10}, &upstream);
  const std::size_t per_slab = cache.objects_per_slab();
  const auto objects = allocate_n(cache, 4 * per_slab);
  for (std::size_t i = 0; i < 3 * per_slab; ++i) cache.deallocate(objects[i]);
  ASSERT_EQ(cache.stats().empty_slabs, 3u);
  EXPECT_EQ(cache.shrink(), 3u);
  EXPECT_EQ(upstream.live_blocks(), 1u);
  EXPECT_EQ(cache.stats().slabs, 1u);
  EXPECT_EQ(cache.shrink(), 0u);
  cache.allocate();
  EXPECT_EQ(upstream.allocations(), 5u) << "after shrink the next slab comes from upstream";
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// Destroying the cache returns every slab — full, partial and empty — with its size and
// alignment (kills: walking only one list, leaking the kept empty slabs).
TEST(Lists, DestructionReturnsEverySlab) {
  mwtest::CountingResource upstream;
  {
    SlabCache cache({.object_size = object_size, .max_empty_slabs = 4}, &upstream);
    const std::size_t per_slab = cache.objects_per_slab();
    const auto objects = allocate_n(cache, 3 * per_slab + 1);
    for (std::size_t i = 0; i < per_slab; ++i) cache.deallocate(objects[i]);
    ASSERT_EQ(cache.stats().empty_slabs, 1u);
    ASSERT_EQ(cache.stats().full_slabs, 2u);
    ASSERT_EQ(cache.stats().partial_slabs, 1u);
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_EQ(upstream.deallocations(), 4u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// When upstream throws, allocate() throws it and the cache is unchanged; it works again once
// upstream does (kills: counting a slab or an object before upstream succeeded, leaving a
// null slab on a list).
TEST(Lists, UpstreamFailureLeavesTheCacheUnchanged) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = object_size}, &upstream);
  allocate_n(cache, cache.objects_per_slab());
  upstream.fail_allocations(true);
  EXPECT_THROW(cache.allocate(), std::bad_alloc);
  const mw::SlabStats stats = cache.stats();
  EXPECT_EQ(stats.slabs, 1u);
  EXPECT_EQ(stats.full_slabs, 1u);
  EXPECT_EQ(stats.partial_slabs, 0u);
  EXPECT_EQ(stats.objects_in_use, cache.objects_per_slab());
  upstream.fail_allocations(false);
  void* p = cache.allocate();
  EXPECT_TRUE(upstream.contains(p, object_size));
  EXPECT_EQ(cache.stats().slabs, 2u);
}

// The statistics are exact at every step: slabs per list, objects in use, capacity, bytes
// and utilization (kills: counters not updated on one of the list moves, utilization taken
// against capacity instead of the bytes held).
TEST(Stats, CountSlabsObjectsAndUtilization) {
  mwtest::CountingResource upstream;
  SlabCache cache({.object_size = 100, .object_align = 8, .max_empty_slabs = 1}, &upstream);
  const mw::SlabStats none = cache.stats();
  EXPECT_EQ(none.slabs, 0u);
  EXPECT_EQ(none.utilization(), 0.0);
  const std::size_t per_slab = cache.objects_per_slab();
  const auto objects = allocate_n(cache, per_slab + 3);
  cache.deallocate(objects[per_slab]);
  const mw::SlabStats s = cache.stats();
  EXPECT_EQ(s.slabs, 2u);
  EXPECT_EQ(s.full_slabs, 1u);
  EXPECT_EQ(s.partial_slabs, 1u);
  EXPECT_EQ(s.empty_slabs, 0u);
  EXPECT_EQ(s.objects_in_use, per_slab + 2);
  EXPECT_EQ(s.capacity, 2 * per_slab);
  EXPECT_EQ(s.bytes_in_use, (per_slab + 2) * 100);
  EXPECT_EQ(s.bytes_held, 2u * 4096);
  EXPECT_DOUBLE_EQ(s.utilization(), static_cast<double>((per_slab + 2) * 100) / (2 * 4096));
  cache.deallocate(objects[per_slab + 1]);
  cache.deallocate(objects[per_slab + 2]);
  EXPECT_EQ(cache.stats().empty_slabs, 1u);
  EXPECT_EQ(cache.stats().partial_slabs, 0u);
  EXPECT_EQ(cache.stats().objects_in_use, per_slab);
}

}  // namespace
