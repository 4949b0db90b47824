// churn_test.cpp — random allocate/deallocate sequences checked against a model, and the
// O(1) object-to-slab lookup, checked by making every other slab inaccessible.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>

#include "support.hpp"

namespace {

using mw::SlabCache;
using mw::SlabOptions;
using slab_suite::address;
using slab_suite::errors_of;

/// The model: every live object, by address, with the tag of the pattern it holds.
using Model = std::map<std::uintptr_t, std::uint32_t>;

/// Effects: checks `p` fresh from `cache` against the model: aligned, inside a live upstream
/// block, overlapping no live object. Adds it with `tag` and fills it.
void add_checked(Model& live, void* p, const SlabCache& cache,
                 const mwtest::CountingResource& upstream, std::uint32_t tag) {
  const std::size_t size = cache.object_size();
  ASSERT_TRUE(slab_suite::is_aligned(p, cache.object_align())) << p;
  ASSERT_TRUE(upstream.contains(p, size)) << p << " is not inside a slab";
  const std::uintptr_t a = address(p);
  const auto next = live.lower_bound(a);
  ASSERT_TRUE(next == live.end() || next->first >= a + size) << p << " overlaps a live object";
  ASSERT_TRUE(next == live.begin() || std::prev(next)->first + size <= a)
      << p << " overlaps a live object";
  live.emplace(a, tag);
  slab_suite::fill(p, size, tag);
}

/// Effects: runs `steps` random operations (more allocations than frees in the first half,
/// more frees in the second), checking every object against the model, the payloads of all
/// of them every 1000 steps, and the statistics against the model and the upstream.
void churn(const SlabOptions& options, std::size_t steps, std::uint32_t seed) {
  mwtest::CountingResource upstream;
  {
    SlabCache cache(options, &upstream);
    std::mt19937 random(seed);
    Model live;
    std::vector<std::uintptr_t> order;  // the live addresses, for picking one at random
    for (std::size_t step = 0; step < steps; ++step) {
      const bool growing = step < steps / 2;
      const bool allocate = live.empty() || random() % 100 < (growing ? 65u : 35u);
      if (allocate) {
        void* p = cache.allocate();
        add_checked(live, p, cache, upstream, static_cast<std::uint32_t>(step));
        if (testing::Test::HasFatalFailure()) return;
        order.push_back(address(p));
      } else {
        const std::size_t pick = random() % order.size();
        std::swap(order[pick], order.back());
        const std::uintptr_t a = order.back();
        order.pop_back();
        auto* p = reinterpret_cast<void*>(a);
        ASSERT_TRUE(slab_suite::holds(p, options.object_size, live.at(a))) << "step " << step;
        live.erase(a);
        cache.deallocate(p);
      }
      const mw::SlabStats stats = cache.stats();
      ASSERT_EQ(stats.objects_in_use, live.size()) << "step " << step;
      ASSERT_EQ(stats.slabs, upstream.live_blocks()) << "step " << step;
      ASSERT_LE(stats.empty_slabs, options.max_empty_slabs) << "step " << step;
      ASSERT_GE(stats.capacity, live.size()) << "step " << step;
      if (step % 1000 == 0) {
        for (const auto& [a, tag] : live) {
          ASSERT_TRUE(slab_suite::holds(reinterpret_cast<void*>(a), options.object_size, tag))
              << "step " << step;
        }
      }
    }
    for (std::uintptr_t a : order) cache.deallocate(reinterpret_cast<void*>(a));
    EXPECT_EQ(cache.stats().slabs, cache.stats().empty_slabs);
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// Random churn on several shapes, limits and slab sizes matches the model: no overlap,
// alignment, payloads intact, exact statistics (kills: free list threaded through live
// objects, a slab on the wrong list, lost or duplicated free slots, counters drifting).
TEST(Churn, RandomSequencesMatchAModel) {
  const SlabOptions shapes[] = {
      {.object_size = 8, .object_align = 8, .max_empty_slabs = 0},
      {.object_size = 24, .object_align = 8, .max_empty_slabs = 1},
      {.object_size = 64, .object_align = 64, .max_empty_slabs = 2},
      {.object_size = 100, .object_align = 32, .slab_bytes = 16384, .max_empty_slabs = 1},
      {.object_size = 700, .object_align = 16, .max_empty_slabs = 3},
      {.object_size = 2000, .object_align = 128, .slab_bytes = 8192, .max_empty_slabs = 0},
  };
  std::uint32_t seed = 1;
  for (const SlabOptions& options : shapes) {
    SCOPED_TRACE(testing::Message()
                 << options.object_size << " bytes aligned to " << options.object_align
                 << ", limit " << options.max_empty_slabs);
    churn(options, 12000, seed++);
    if (testing::Test::HasFatalFailure()) return;
  }
}

// Freeing an object reads and writes only its own slab: with every other slab made
// inaccessible, deallocate() still works, for a slab at either end and in the middle of the
// partial list (kills: finding the slab by walking the slab lists, O(slabs) per free, which
// touches other slabs' headers; the mask touches none).
TEST(Lookup, FreeTouchesNoOtherSlab) {
  slab_suite::PageResource pages;
  SlabCache cache({.object_size = 64, .object_align = 16, .max_empty_slabs = 0}, &pages);
  const std::size_t per_slab = cache.objects_per_slab();
  constexpr std::size_t slabs = 16;
  const auto objects = slab_suite::allocate_n(cache, slabs * per_slab);
  for (std::size_t s = 0; s < slabs; ++s) cache.deallocate(objects[s * per_slab]);
  ASSERT_EQ(cache.stats().partial_slabs, slabs);
  for (std::size_t s : {std::size_t{0}, slabs / 2, slabs - 1}) {
    void* object = objects[s * per_slab + 1];
    pages.protect_all_but(slab_suite::slab_base(object, cache.slab_bytes()));
    cache.deallocate(object);  // the slab stays partial: no list moves, no neighbour touched
    pages.unprotect_all();
  }
  EXPECT_EQ(cache.stats().objects_in_use, slabs * (per_slab - 1) - 3);
  EXPECT_EQ(cache.stats().partial_slabs, slabs);
}

}  // namespace
