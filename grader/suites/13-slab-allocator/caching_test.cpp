// caching_test.cpp — object caching (Bonwick 1994): the constructor hook runs once per slot
// when its slab is made, the destructor hook once per slot when its slab is released, and a
// freed object keeps its constructed state in between.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <new>

#include "support.hpp"

namespace {

using mw::SlabCache;
using slab_suite::allocate_n;

/// A cached object whose every byte the constructor sets: a free-list link written over any
/// part of it shows.
struct Connection {
  static constexpr std::uint64_t magic = 0x5EED'CAFE'F00D'BEEF;
  std::array<std::uint64_t, 5> state;

  static void construct(void* p) {
    ++constructed;
    auto* c = ::new (p) Connection;
    c->state.fill(magic);
  }
  static void destroy(void* p) {
    ++destroyed;
    static_cast<Connection*>(p)->~Connection();
  }
  bool intact() const {
    for (std::uint64_t word : state) {
      if (word != magic) return false;
    }
    return true;
  }

  static inline std::size_t constructed = 0;
  static inline std::size_t destroyed = 0;
};

mw::SlabOptions connection_cache(std::size_t max_empty_slabs) {
  Connection::constructed = Connection::destroyed = 0;
  return {.object_size = sizeof(Connection),
          .object_align = alignof(Connection),
          .max_empty_slabs = max_empty_slabs,
          .constructor = Connection::construct,
          .destructor = Connection::destroy};
}

// Every slot of a new slab is constructed when the slab is made, and never again while the
// slab is held, however often its objects go out and come back (kills: constructing on every
// allocate, constructing only the slot handed out).
TEST(Caching, ConstructorRunsOncePerSlotWhenTheSlabIsMade) {
  mwtest::CountingResource upstream;
  SlabCache cache(connection_cache(1), &upstream);
  const std::size_t per_slab = cache.objects_per_slab();
  EXPECT_EQ(Connection::constructed, 0u) << "a new cache makes no slab, so constructs nothing";
  void* first = cache.allocate();
  EXPECT_EQ(Connection::constructed, per_slab);
  for (int i = 0; i < 100; ++i) {
    cache.deallocate(first);
    first = cache.allocate();
  }
  EXPECT_EQ(Connection::constructed, per_slab);
  allocate_n(cache, per_slab);
  EXPECT_EQ(Connection::constructed, 2 * per_slab);
  EXPECT_EQ(Connection::destroyed, 0u);
}

// An object handed back and out again is still in its constructed state, with every byte
// intact: the free-list link lives outside the object (kills: the link written over the first
// bytes of a cached object, as in a cache without hooks).
TEST(Caching, FreedObjectsKeepTheirConstructedState) {
  mwtest::CountingResource upstream;
  SlabCache cache(connection_cache(1), &upstream);
  auto objects = allocate_n(cache, 3 * cache.objects_per_slab());
  for (void* p : objects) ASSERT_TRUE(static_cast<Connection*>(p)->intact());
  for (void* p : objects) cache.deallocate(p);
  for (int round = 0; round < 3; ++round) {
    objects = allocate_n(cache, 3 * cache.objects_per_slab());
    for (void* p : objects) {
      ASSERT_TRUE(static_cast<Connection*>(p)->intact()) << "round " << round;
    }
    for (void* p : objects) cache.deallocate(p);
  }
}

// Each slot is destroyed exactly once, when its slab goes back upstream: past the empty
// limit, at shrink() and at the cache's destruction (kills: destroying on every
// deallocate, never destroying, destroying only the slots in use).
TEST(Caching, DestructorRunsOncePerSlotWhenTheSlabIsReleased) {
  mwtest::CountingResource upstream;
  std::size_t per_slab = 0;
  {
    SlabCache cache(connection_cache(1), &upstream);
    per_slab = cache.objects_per_slab();
    const auto objects = allocate_n(cache, 4 * per_slab);
    for (std::size_t i = 0; i < 2 * per_slab; ++i) cache.deallocate(objects[i]);
    EXPECT_EQ(Connection::destroyed, per_slab) << "one slab past the limit of one was released";
    for (std::size_t i = 2 * per_slab; i < 3 * per_slab; ++i) cache.deallocate(objects[i]);
    EXPECT_EQ(Connection::destroyed, 2 * per_slab);
    EXPECT_EQ(cache.shrink(), 1u);
    EXPECT_EQ(Connection::destroyed, 3 * per_slab);
  }
  EXPECT_EQ(Connection::destroyed, 4 * per_slab);
  EXPECT_EQ(Connection::constructed, 4 * per_slab);
  EXPECT_EQ(upstream.live_blocks(), 0u);
}

}  // namespace
