// layout_test.cpp — where objects go: alignment, slot size, slab alignment, the room the
// header takes, and the options a cache refuses.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <type_traits>

#include "support.hpp"

namespace {

using mw::SlabCache;
using mw::SlabOptions;
using slab_suite::address;
using slab_suite::allocate_n;
using slab_suite::errors_of;
using slab_suite::is_aligned;

constexpr std::size_t round_up(std::size_t n, std::size_t align) {
  return (n + align - 1) / align * align;
}

struct Shape {
  std::size_t size;
  std::size_t align;
};

// Every object is aligned to its cache's alignment, for every power of two from 1 to 2048,
// with sizes below, at and above it (kills: slots placed right after the header without
// rounding to the alignment, alignment capped at 16, slot size not a multiple of it).
TEST(Layout, ObjectsAreAlignedForEveryAlignment) {
  for (std::size_t align = 1; align <= 2048; align *= 2) {
    for (std::size_t size : {std::size_t{1}, align, align + 1, 3 * align - 1}) {
      mwtest::CountingResource upstream;
      {
        SlabCache cache({.object_size = size, .object_align = align, .slab_bytes = 16384},
                        &upstream);
        EXPECT_GE(cache.object_align(), align);
        for (void* p : allocate_n(cache, 2 * cache.objects_per_slab() + 1)) {
          ASSERT_TRUE(is_aligned(p, align)) << size << " bytes aligned to " << align;
          ASSERT_TRUE(upstream.contains(p, size)) << size << " bytes aligned to " << align;
        }
      }
      EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
    }
  }
}

// Every slab is one upstream block of slab_bytes aligned to slab_bytes, so masking an
// object's address finds its slab (kills: slabs allocated with a small alignment, which
// breaks the O(1) lookup, slabs of the wrong size).
TEST(Layout, SlabsAreAlignedToTheirOwnSize) {
  for (std::size_t slab_bytes : {4096u, 16384u, 65536u}) {
    mwtest::CountingResource upstream;
    SlabCache cache({.object_size = 48, .object_align = 16, .slab_bytes = slab_bytes}, &upstream);
    const auto objects = allocate_n(cache, 3 * cache.objects_per_slab());
    ASSERT_EQ(upstream.sizes(), std::vector<std::size_t>(3, slab_bytes));
    std::set<const void*> bases;
    for (void* p : objects) {
      const void* base = slab_suite::slab_base(p, slab_bytes);
      ASSERT_TRUE(upstream.contains(base, slab_bytes)) << "slab of " << slab_bytes << " bytes";
      bases.insert(base);
    }
    EXPECT_EQ(bases.size(), 3u) << "3 slabs, each filled, should hold all these objects";
  }
}

// The slot is the object rounded up to its alignment (and to a pointer, for the free-list
// link); with a constructor hook the link goes after the object (kills: always adding a
// link to the object, rounding to 16, overlapping the link with a cached object).
TEST(Layout, SlotIsTheObjectRoundedToItsAlignment) {
  const Shape shapes[] = {{1, 1}, {8, 8}, {24, 8}, {24, 16}, {40, 32}, {64, 64}, {100, 128}};
  for (const Shape& shape : shapes) {
    const std::size_t align = std::max(shape.align, alignof(void*));
    SlabCache plain({.object_size = shape.size, .object_align = shape.align});
    EXPECT_EQ(plain.slot_bytes(), round_up(std::max(shape.size, sizeof(void*)), align))
        << shape.size << " bytes aligned to " << shape.align;
    SlabCache cached(
        {.object_size = shape.size, .object_align = shape.align, .constructor = [](void*) {}});
    EXPECT_EQ(cached.slot_bytes(),
              round_up(round_up(shape.size, alignof(void*)) + sizeof(void*), align))
        << shape.size << " bytes aligned to " << shape.align << ", with a constructor";
  }
}

// A slab holds as many objects as fit after a header of at most 64 bytes plus one bit per
// slot, and never more (kills: capacity computed as slab_bytes / slot ignoring the header,
// wasting a slot or more per slab).
TEST(Layout, CapacityLeavesRoomForTheHeaderOnly) {
  const Shape shapes[] = {{8, 8}, {24, 8}, {64, 16}, {100, 32}, {256, 256}, {1000, 8}};
  for (std::size_t slab_bytes : {4096u, 65536u}) {
    for (const Shape& shape : shapes) {
      mwtest::CountingResource upstream;
      SlabCache cache(
          {.object_size = shape.size, .object_align = shape.align, .slab_bytes = slab_bytes},
          &upstream);
      const std::size_t slot = cache.slot_bytes();
      const std::size_t most_header =
          round_up(64 + slab_bytes / slot / 8 + 8, cache.object_align());
      EXPECT_GE(cache.objects_per_slab(), (slab_bytes - most_header) / slot)
          << shape.size << " bytes in a slab of " << slab_bytes;
      EXPECT_LT(cache.objects_per_slab() * slot, slab_bytes)
          << shape.size << " bytes in a slab of " << slab_bytes << ": no room for the header";
      allocate_n(cache, cache.objects_per_slab());
      EXPECT_EQ(upstream.allocations(), 1u) << "one slab holds objects_per_slab() objects";
    }
  }
}

// Filling every byte of every object of full slabs damages nothing: after frees and
// reallocations every live object still holds its pattern and no slab is added (kills: the
// first slot overlapping the header or the bitmap, the last one running past the slab, the
// free list threaded through live objects).
TEST(Layout, FullSlabsKeepEveryPayload) {
  const Shape shapes[] = {{1, 1}, {8, 8}, {24, 8}, {64, 64}, {100, 32}, {200, 128}};
  for (const Shape& shape : shapes) {
    mwtest::CountingResource upstream;
    {
      SlabCache cache({.object_size = shape.size, .object_align = shape.align}, &upstream);
      auto objects = allocate_n(cache, 3 * cache.objects_per_slab());
      ASSERT_EQ(upstream.allocations(), 3u);
      std::vector<std::uint32_t> tags(objects.size());
      for (std::size_t i = 0; i < objects.size(); ++i) {
        ASSERT_TRUE(upstream.contains(objects[i], shape.size)) << "object " << i;
        tags[i] = static_cast<std::uint32_t>(i);
        slab_suite::fill(objects[i], shape.size, tags[i]);
      }
      std::set<void*> freed;
      for (std::size_t i = 1; i < objects.size(); i += 2) {
        cache.deallocate(objects[i]);
        freed.insert(objects[i]);
      }
      EXPECT_EQ(cache.stats().objects_in_use, objects.size() - freed.size());
      for (std::size_t i = 1; i < objects.size(); i += 2) {
        objects[i] = cache.allocate();
        ASSERT_EQ(freed.erase(objects[i]), 1u) << "not a freed slot: " << objects[i];
        tags[i] = static_cast<std::uint32_t>(objects.size() + i);
        slab_suite::fill(objects[i], shape.size, tags[i]);
      }
      EXPECT_EQ(upstream.allocations(), 3u);
      for (std::size_t i = 0; i < objects.size(); ++i) {
        ASSERT_TRUE(slab_suite::holds(objects[i], shape.size, tags[i]))
            << shape.size << " bytes aligned to " << shape.align << ": object " << i;
      }
    }
    EXPECT_EQ(upstream.live_blocks(), 0u);
    EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
  }
}

// A cache cannot be copied or moved (its slabs point back at it), and options that cannot
// make a slab are refused before anything is allocated (kills: accepting a slab size that is
// not a power of two, which breaks the mask, or an object that does not fit).
TEST(Layout, InvalidOptionsAreRefused) {
  static_assert(!std::is_copy_constructible_v<SlabCache>, "slabs point back at their cache");
  static_assert(!std::is_move_constructible_v<SlabCache>, "slabs point back at their cache");
  mwtest::CountingResource upstream;
  SlabCache fine({.object_size = 4000, .object_align = 8}, &upstream);
  EXPECT_EQ(fine.objects_per_slab(), 1u);
  const SlabOptions refused[] = {
      {.object_size = 0},
      {.object_size = 16, .object_align = 24},
      {.object_size = 16, .slab_bytes = 6000},
      {.object_size = 16, .slab_bytes = 2048},
      {.object_size = 4096, .object_align = 8},
      {.object_size = 8, .object_align = 4096},
  };
  for (const SlabOptions& options : refused) {
    EXPECT_THROW(SlabCache(options, &upstream), std::invalid_argument)
        << options.object_size << " bytes aligned to " << options.object_align << " in "
        << options.slab_bytes;
  }
  EXPECT_EQ(upstream.allocations(), 0u);
}

}  // namespace
