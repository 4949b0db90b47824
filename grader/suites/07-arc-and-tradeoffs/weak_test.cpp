// Hidden tests for mw::WeakArc on one thread: the two lifetimes, upgrade, counts.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include <mwtest/instrumented.hpp>

#include "arc.hpp"
#include "fixture.hpp"

namespace {

using mwtest::Instrumented;
using Weak = ArcFixture;

// The value dies with the last Arc while a WeakArc keeps the block; the block goes with the
// last WeakArc; kills destroying the value late (with the block) or freeing the block early.
TEST_F(Weak, ValueDiesWithTheLastArcBlockWithTheLastWeak) {
  auto arc = mw::make_arc<Instrumented>(1);
  mw::WeakArc<Instrumented> weak = arc.downgrade();
  arc.reset();
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 1u);
  EXPECT_EQ(weak.strong_count(), 0u);
  weak.reset();
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(mwtest::life_counts().destroyed, 1u);
}

// upgrade gives a counted Arc to the same value while it lives, and an empty one after; kills
// an uncounted upgrade and an upgrade that brings a destroyed value back.
TEST_F(Weak, UpgradeCountsWhileAliveAndIsEmptyAfter) {
  auto arc = mw::make_arc<Instrumented>(8);
  auto weak = arc.downgrade();
  {
    mw::Arc<Instrumented> up = weak.upgrade();
    ASSERT_TRUE(up);
    EXPECT_TRUE(mw::Arc<Instrumented>::ptr_eq(up, arc));
    EXPECT_EQ(arc.strong_count(), 2u);
  }
  EXPECT_EQ(arc.strong_count(), 1u);
  arc.reset();
  EXPECT_FALSE(weak.upgrade());
  EXPECT_EQ(weak.strong_count(), 0u);
  EXPECT_EQ(alive(), 0);
}

// weak_count counts WeakArc handles only, not the strong handles' shared reference, and
// follows copies, moves and drops of WeakArc; kills reporting the raw weak field or miscounting.
TEST_F(Weak, WeakCountFollowsCopiesMovesAndDrops) {
  auto arc = mw::make_arc<Instrumented>(2);
  EXPECT_EQ(arc.weak_count(), 0u);
  auto w1 = arc.downgrade();
  mw::WeakArc<Instrumented> w2 = w1;
  EXPECT_EQ(arc.weak_count(), 2u);
  mw::WeakArc<Instrumented> w3 = std::move(w2);
  EXPECT_EQ(arc.weak_count(), 2u);
  EXPECT_FALSE(w2.upgrade());
  w2 = w3;
  EXPECT_EQ(arc.weak_count(), 3u);
  w2 = std::move(w3);
  EXPECT_EQ(arc.weak_count(), 2u);
  auto& same = w1;
  w1 = same;
  EXPECT_EQ(arc.weak_count(), 2u);
  w1.reset();
  w2.reset();
  EXPECT_EQ(arc.weak_count(), 0u);
  EXPECT_EQ(counting.live_blocks(), 1u);
}

// Many WeakArc handles outliving the value free the block exactly once, with the last one;
// kills a weak count that the strong handles do not hold (freed early, then freed again).
TEST_F(Weak, OnlyWeakHandlesLeftFreeTheBlockOnce) {
  std::vector<mw::WeakArc<Instrumented>> weaks;
  {
    auto arc = mw::make_arc<Instrumented>(3);
    for (int i = 0; i < 5; ++i) weaks.push_back(arc.downgrade());
  }
  EXPECT_EQ(alive(), 0);
  for (std::size_t i = 0; i < 4; ++i) {
    weaks[i].reset();
    EXPECT_EQ(counting.live_blocks(), 1u);
  }
  weaks.back().reset();
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(counting.deallocations(), 1u);
}

// A default WeakArc upgrades to nothing and drops safely; kills dereferencing a null block.
TEST_F(Weak, EmptyWeakUpgradesToNothing) {
  mw::WeakArc<Instrumented> empty;
  EXPECT_FALSE(empty.upgrade());
  EXPECT_EQ(empty.strong_count(), 0u);
  mw::WeakArc<Instrumented> copy = empty;
  copy.reset();
  EXPECT_EQ(counting.allocations(), 0u);
}

}  // namespace
