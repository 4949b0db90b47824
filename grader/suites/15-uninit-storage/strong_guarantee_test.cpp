// Hidden tests for the strong exception guarantee of mw::SmallVec: push_back and insert,
// inline, spilling and on the heap, with a throw at every construction they make in turn
// (k = 1, 2, ... until the operation succeeds). After each throw the vector must hold the
// same elements, in the same storage, with nothing leaked and nothing destroyed twice.
#include <gtest/gtest.h>

#include <vector>

#include "fixture.hpp"
#include "small_vec.hpp"

namespace {

class Strong : public SmallVecTest {
 public:
  /// Requires: `op()` runs the operation under test on `v`, once per call.
  /// Effects: runs op with a throw armed at the k-th next Instrumented construction, for
  /// k = 1, 2, ... until it succeeds; after every throw checks that `v` still has the
  /// values `expected`, capacity `capacity` and the data pointer it had before, and that
  /// exactly `live` elements and `blocks` heap blocks are alive.
  /// Returns: the number of throws seen; the caller checks the final, successful result.
  template <class Vec, class Op>
  int throws_leaving_unchanged(const Vec& v, Op op, const std::vector<int>& expected,
                               std::size_t capacity, long live, std::size_t blocks) {
    const void* data = v.data();
    return throw_at_every_construction(
        [&](std::size_t k) {
          Instrumented::throw_after(k);
          op();
        },
        [&] {
          EXPECT_EQ(values(v), expected);
          EXPECT_EQ(v.data(), data);
          EXPECT_EQ(v.capacity(), capacity);
          EXPECT_EQ(alive(), live);
          EXPECT_EQ(counting.live_blocks(), blocks);
        });
  }
};

// push_back into a full inline vector survives a throw at the new element's copy and at
// every relocation copy; kills relocating with std::move (originals moved-from), leaking the
// new block, and bumping size before the construction succeeded.
TEST_F(Strong, PushBackThatSpills) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 4);
  const Instrumented extra(99);
  const int throws = throws_leaving_unchanged(
      v, [&] { v.push_back(extra); }, range(0, 4), 4, 5, 0);
  EXPECT_GE(throws, 5);  // the new element and the four relocations
  std::vector<int> expected = range(0, 4);
  expected.push_back(99);
  EXPECT_EQ(values(v), expected);
  EXPECT_EQ(alive(), 6);
}

// The same on the heap, where the old block must stay in use and the new one be freed;
// kills freeing or replacing the old block before relocation finished.
TEST_F(Strong, PushBackThatGrowsOnTheHeap) {
  mw::SmallVec<Instrumented, 2> v(&counting);
  fill(v, 0, 4);
  const int throws = throws_leaving_unchanged(
      v, [&] { v.emplace_back(4); }, range(0, 4), 4, 4, 1);
  EXPECT_GE(throws, 5);
  EXPECT_EQ(values(v), range(0, 5));
}

// push_back with room left survives a throwing copy; kills bumping size before constructing
// (a destroyed-but-never-built slot: alive() goes negative).
TEST_F(Strong, PushBackWithRoom) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 2);
  const Instrumented extra(7);
  const int throws = throws_leaving_unchanged(
      v, [&] { v.push_back(extra); }, range(0, 2), 4, 3, 0);
  EXPECT_GE(throws, 1);
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 7}));
}

// Spilling a nothrow-movable type whose new element's copy throws keeps the originals: the
// new element must be built before the old ones are moved out; kills moving first.
TEST_F(Strong, NothrowMovableSpillBuildsTheNewElementFirst) {
  mw::SmallVec<NothrowInstrumented, 4> v(&counting);
  fill(v, 0, 4);
  const NothrowInstrumented extra(99);
  NothrowInstrumented::throw_after(1);
  EXPECT_THROW(v.push_back(extra), mwtest::InstrumentedError);
  EXPECT_EQ(values(v), range(0, 4));
  EXPECT_TRUE(v.is_inline());
  EXPECT_EQ(alive(), 5);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// insert in the middle with room survives a throw at every construction; kills shifting
// the elements up before the new value is built (originals moved or overwritten).
TEST_F(Strong, InsertWithRoom) {
  mw::SmallVec<Instrumented, 8> v(&counting);
  fill(v, 0, 5);
  const Instrumented extra(99);
  const int throws = throws_leaving_unchanged(
      v, [&] { v.insert(v.begin() + 1, extra); }, range(0, 5), 8, 6, 0);
  EXPECT_GE(throws, 1);  // at least the new last slot is constructed
  EXPECT_EQ(values(v), (std::vector<int>{0, 99, 1, 2, 3, 4}));
  EXPECT_EQ(alive(), 7);
}

// insert into a full vector (a reallocation) survives a throw at every construction; kills
// relocating with std::move and leaking the half-built block.
TEST_F(Strong, InsertThatReallocates) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 4);
  const Instrumented extra(99);
  const int throws = throws_leaving_unchanged(
      v, [&] { v.insert(v.begin() + 2, extra); }, range(0, 4), 4, 5, 0);
  EXPECT_GE(throws, 5);
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 99, 2, 3}));
}

// insert with room of a nothrow-movable type whose copy throws leaves the vector as it was;
// kills moving the tail up before copying the value.
TEST_F(Strong, NothrowMovableInsertBuildsTheValueFirst) {
  mw::SmallVec<NothrowInstrumented, 8> v(&counting);
  fill(v, 0, 5);
  const NothrowInstrumented extra(99);
  NothrowInstrumented::throw_after(1);
  EXPECT_THROW(v.insert(v.begin(), extra), mwtest::InstrumentedError);
  EXPECT_EQ(values(v), range(0, 5));
  EXPECT_EQ(alive(), 6);
}

// reserve past the capacity, from inline and from the heap, survives a throw at every
// relocation copy: the elements stay where they were and the new block is freed (README rule
// 3 names reserve); kills a reserve without cleanup, which leaks the new block when a copy
// throws.
TEST_F(Strong, ReserveThatReallocates) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 3);
  int throws = throws_leaving_unchanged(
      v, [&] { v.reserve(6); }, range(0, 3), 4, 3, 0);
  EXPECT_GE(throws, 3);  // one copy per element
  EXPECT_EQ(v.capacity(), 6u);
  Instrumented::throw_after(0);  // disarm the throw the successful reserve did not reach
  fill(v, 3, 6);
  throws = throws_leaving_unchanged(
      v, [&] { v.reserve(20); }, range(0, 6), 6, 6, 1);
  EXPECT_GE(throws, 6);
  EXPECT_EQ(v.capacity(), 20u);
  EXPECT_EQ(values(v), range(0, 6));
}

// A copy constructor that throws part-way destroys the copies it made and frees its block;
// kills a copy constructor without cleanup (the destructor does not run for it).
TEST_F(Strong, ThrowingCopyConstructorLeaksNothing) {
  mw::SmallVec<Instrumented, 4> source(&counting);
  fill(source, 0, 6);
  const int throws = throw_at_every_construction(
      [&](std::size_t k) {
        Instrumented::throw_after(k);
        mw::SmallVec<Instrumented, 4> copy(source);
        Instrumented::throw_after(0);
        EXPECT_EQ(values(copy), range(0, 6));
      },
      [&] {
        EXPECT_EQ(alive(), 6);
        EXPECT_EQ(counting.live_blocks(), 1u);
        EXPECT_EQ(values(source), range(0, 6));
      });
  EXPECT_GE(throws, 6);  // one copy per element
}

}  // namespace
