// pool_test.cpp — mw::ObjectPool: one slab, RAII handles, slot reuse without allocation,
// exhaustion, move-only handles and exception safety.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory_resource>
#include <new>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

#include "object_pool.hpp"
#include "support.hpp"

namespace {

using arena_suite::errors_of;
using mw::ObjectPool;
using mwtest::Instrumented;
using mwtest::life_counts;
using Pool = ObjectPool<Instrumented>;
using Handle = Pool::Handle;

// The pool takes exactly one slab for all its slots when built, and gives it back with the
// same size and alignment when destroyed (kills: a slab per slot, a leaked slab, a slab
// freed with the wrong size).
TEST(Pool, TakesOneSlabAndReturnsIt) {
  mwtest::CountingResource upstream;
  {
    ObjectPool<std::uint64_t> pool(16, &upstream);
    ASSERT_EQ(upstream.allocations(), 1u);
    EXPECT_GE(upstream.sizes()[0], 16 * sizeof(std::uint64_t));
    EXPECT_EQ(pool.capacity(), 16u);
    EXPECT_EQ(pool.available(), 16u);
    EXPECT_EQ(pool.in_use(), 0u);
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_EQ(upstream.deallocations(), 1u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// acquire constructs the object from its arguments; reset (and the handle's destructor)
// destroys it and gives the slot back, once (kills: objects never destroyed, destroyed twice
// on a second reset, in_use not counted).
TEST(Pool, AcquireConstructsAndReleaseDestroys) {
  Instrumented::reset();
  Pool pool(4);
  Handle handle = pool.acquire(42);
  ASSERT_TRUE(handle);
  EXPECT_EQ(handle->value(), 42);
  EXPECT_EQ((*handle).value(), 42);
  EXPECT_EQ(handle.get()->value(), 42);
  EXPECT_EQ(life_counts().alive(), 1);
  EXPECT_EQ(pool.in_use(), 1u);
  handle.reset();
  EXPECT_FALSE(handle);
  EXPECT_EQ(handle.get(), nullptr);
  EXPECT_EQ(life_counts().alive(), 0);
  EXPECT_EQ(pool.in_use(), 0u);
  handle.reset();
  EXPECT_EQ(life_counts().destroyed, 1u);
  {
    Handle scoped = pool.acquire(7);
    EXPECT_EQ(pool.available(), 3u);
  }
  EXPECT_EQ(pool.available(), 4u);
  EXPECT_EQ(life_counts().alive(), 0);
}

// Thousands of acquire/release rounds reuse the same slots and never call upstream again
// (kills: allocating per acquire, handles that do not give their slot back).
TEST(Pool, ReusesSlotsWithoutAllocating) {
  mwtest::CountingResource upstream;
  Pool pool(4, &upstream);
  std::set<Instrumented*> addresses;
  for (int round = 0; round < 1000; ++round) {
    std::vector<Handle> handles;
    for (int i = 0; i < 4; ++i) handles.push_back(pool.acquire(i));
    for (const Handle& h : handles) addresses.insert(h.get());
  }
  EXPECT_EQ(addresses.size(), 4u) << "only the slab's 4 slots may ever be used";
  EXPECT_EQ(upstream.allocations(), 1u);
  EXPECT_EQ(pool.in_use(), 0u);
}

// The free list is last-in, first-out: the slot released last is acquired next (kills: a
// FIFO queue or a scan for a free slot, which the README rules out).
TEST(Pool, LastReleasedSlotIsAcquiredFirst) {
  Pool pool(3);
  Handle a = pool.acquire(1);
  Handle b = pool.acquire(2);
  Handle c = pool.acquire(3);
  Instrumented* const pa = a.get();
  Instrumented* const pb = b.get();
  Instrumented* const pc = c.get();
  b.reset();
  Handle d = pool.acquire(4);
  EXPECT_EQ(d.get(), pb);
  a.reset();
  c.reset();
  EXPECT_EQ(pool.acquire(5).get(), pc);
  Handle e = pool.acquire(6);
  EXPECT_EQ(e.get(), pc);
  Handle f = pool.acquire(7);
  EXPECT_EQ(f.get(), pa);
}

// Live objects occupy distinct, aligned slots inside the slab and keep their values
// (kills: slots of sizeof(T) bytes that ignore alignof(T) — a slot union without alignas(T),
// which the exactly-aligned upstream shows —, overlapping slots, a free-list link written over
// a live object).
TEST(Pool, SlotsAreDistinctAlignedAndInsideTheSlab) {
  arena_suite::ExactlyAlignedResource exact;
  mwtest::CountingResource upstream(&exact);
  ObjectPool<arena_suite::Wide> pool(10, &upstream);
  std::vector<ObjectPool<arena_suite::Wide>::Handle> handles;
  for (int i = 0; i < 10; ++i) {
    handles.push_back(pool.acquire(i));
    EXPECT_TRUE(arena_suite::is_aligned(handles.back().get(), 64)) << "object " << i;
    EXPECT_TRUE(upstream.contains(handles.back().get(), sizeof(arena_suite::Wide)));
  }
  handles[3].reset();
  handles[3] = pool.acquire(33);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(handles[i]->value, i == 3 ? 33 : i);
}

// acquire on a full pool throws mw::pool_exhausted (a std::bad_alloc) whose message names
// the capacity, and the pool stays usable (kills: exhaustion not detected — a write past the
// slab, which ASan reports —, a message without the capacity, a pool broken afterwards).
TEST(Exhaustion, AcquireThrowsPoolExhaustedNamingTheCapacity) {
  Instrumented::reset();
  Pool pool(37);
  std::vector<Handle> handles;
  for (int i = 0; i < 37; ++i) handles.push_back(pool.acquire(i));
  try {
    pool.acquire(99);
    FAIL() << "acquire on a full pool must throw mw::pool_exhausted";
  } catch (const mw::pool_exhausted& e) {
    EXPECT_NE(std::string(e.what()).find("37"), std::string::npos) << e.what();
    EXPECT_EQ(e.capacity(), 37u);
  }
  EXPECT_THROW(pool.acquire(99), std::bad_alloc);
  EXPECT_EQ(life_counts().constructed, 37u) << "nothing is built when the pool is full";
  handles.pop_back();
  EXPECT_EQ(pool.acquire(5)->value(), 5);
}

// try_acquire on a full pool returns an empty handle and builds nothing (kills: throwing,
// or constructing an object into memory that is not a free slot).
TEST(Exhaustion, TryAcquireReturnsAnEmptyHandle) {
  Instrumented::reset();
  Pool pool(2);
  Handle a = pool.try_acquire(1);
  Handle b = pool.try_acquire(2);
  ASSERT_TRUE(a && b);
  Handle c = pool.try_acquire(3);
  EXPECT_FALSE(c);
  EXPECT_EQ(c.get(), nullptr);
  EXPECT_EQ(life_counts().constructed, 2u);
  EXPECT_EQ(pool.in_use(), 2u);
  a.reset();
  EXPECT_TRUE(pool.try_acquire(4));
}

// Random acquires and releases against a model: the pool exhausts exactly at capacity,
// never before, and in_use follows the model (kills: slots lost on release, in_use drift).
TEST(Exhaustion, RandomChurnExhaustsExactlyAtCapacity) {
  Instrumented::reset();
  mwtest::CountingResource upstream;
  Pool pool(8, &upstream);
  std::vector<Handle> live;
  std::mt19937 random(12);
  for (int step = 0; step < 2000; ++step) {
    if (random() % 2 == 0) {
      if (live.size() == 8) {
        ASSERT_THROW(pool.acquire(step), mw::pool_exhausted) << "step " << step;
      } else {
        live.push_back(pool.acquire(step));
        ASSERT_EQ(live.back()->value(), step);
      }
    } else if (!live.empty()) {
      live.erase(live.begin() + static_cast<long>(random() % live.size()));
    }
    ASSERT_EQ(pool.in_use(), live.size()) << "step " << step;
    ASSERT_EQ(life_counts().alive(), static_cast<long>(live.size())) << "step " << step;
  }
  EXPECT_EQ(upstream.allocations(), 1u);
}

// Handles are move-only; a move leaves the source empty and the object where it was (kills:
// copyable handles — two owners release one slot twice —, moves that move the object).
TEST(Handle, IsMoveOnlyAndMovesOwnership) {
  static_assert(!std::is_copy_constructible_v<Handle>, "a copied handle would release twice");
  static_assert(!std::is_copy_assignable_v<Handle>, "a copied handle would release twice");
  static_assert(std::is_nothrow_move_constructible_v<Handle>);
  static_assert(std::is_nothrow_move_assignable_v<Handle>);
  Instrumented::reset();
  Pool pool(2);
  Handle a = pool.acquire(1);
  Instrumented* const object = a.get();
  Handle b(std::move(a));
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): a moved-from handle is empty
  EXPECT_EQ(b.get(), object);
  EXPECT_EQ(life_counts().constructed, 1u) << "the object itself is never moved";
  EXPECT_EQ(pool.in_use(), 1u);
}

// A moved-from handle going out of scope releases nothing (kills: a move that copies the
// pointer, so the slot is released twice and then handed out to two owners).
TEST(Handle, MovedFromHandleDoesNotReleaseAgain) {
  Instrumented::reset();
  Pool pool(2);
  Handle kept;
  {
    Handle source = pool.acquire(1);
    kept = std::move(source);
  }
  {
    Handle source = pool.acquire(2);
    Handle moved(std::move(source));
    moved.reset();
  }
  EXPECT_EQ(pool.in_use(), 1u);
  EXPECT_EQ(life_counts().alive(), 1);
  Handle other = pool.acquire(3);
  EXPECT_NE(other.get(), kept.get());
  EXPECT_FALSE(pool.try_acquire(4)) << "the pool of 2 holds kept and other";
  EXPECT_EQ(kept->value(), 1);
}

// Move assignment releases the object the target owned, then takes the source's; a
// self-move keeps the object (kills: leaking the old object and its slot, self-move
// releasing the object it then points to).
TEST(Handle, MoveAssignmentReleasesTheOldObject) {
  Instrumented::reset();
  Pool pool(2);
  Handle a = pool.acquire(1);
  Handle b = pool.acquire(2);
  a = std::move(b);
  EXPECT_EQ(life_counts().destroyed, 1u);
  EXPECT_EQ(pool.in_use(), 1u);
  EXPECT_EQ(a->value(), 2);
  EXPECT_FALSE(b);  // NOLINT(bugprone-use-after-move)
  Handle& alias = a;
  a = std::move(alias);
  EXPECT_TRUE(a);
  EXPECT_EQ(a->value(), 2);
  EXPECT_EQ(pool.in_use(), 1u);
  EXPECT_EQ(life_counts().alive(), 1);
}

// When T's constructor throws, acquire and try_acquire rethrow and the slot goes back to the
// free list (kills: a slot lost for good, so a pool of 1 is exhausted forever).
TEST(Exception, ThrowingConstructorGivesTheSlotBack) {
  Instrumented::reset();
  Pool pool(1);
  Instrumented::throw_after(1);
  EXPECT_THROW(pool.acquire(1), mwtest::InstrumentedError);
  Instrumented::throw_after(1);
  EXPECT_THROW(pool.try_acquire(1), mwtest::InstrumentedError);
  EXPECT_EQ(pool.in_use(), 0u);
  Handle handle = pool.acquire(2);
  EXPECT_EQ(handle->value(), 2);
}

// A pool of capacity 0 is refused with std::invalid_argument (kills: a zero-sized slab whose
// first acquire writes out of bounds).
TEST(Pool, ZeroCapacityIsRejected) {
  mwtest::CountingResource upstream;
  EXPECT_THROW(ObjectPool<int>(0, &upstream), std::invalid_argument);
  EXPECT_EQ(upstream.allocations(), 0u);
}

}  // namespace
