// Hidden tests for mw::Weak: downgrade, upgrade, and the two lifetimes (value and block).
#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

#include <mwtest/instrumented.hpp>

#include "fixture.hpp"
#include "rc.hpp"

namespace {

using mwtest::Instrumented;

static_assert(sizeof(mw::Weak<Instrumented>) == sizeof(void*), "a Weak must be one pointer wide");

using Weak = RcFixture;

// downgrade counts a weak reference, not a strong one, and allocates nothing; kills reporting
// the raw weak field (which includes the strong handles' shared reference).
TEST_F(Weak, DowngradeCountsWeakNotStrong) {
  auto rc = mw::make_rc<Instrumented>(1);
  mw::Weak<Instrumented> w = rc.downgrade();
  EXPECT_EQ(rc.strong_count(), 1u);
  EXPECT_EQ(rc.weak_count(), 1u);
  EXPECT_EQ(w.strong_count(), 1u);
  mw::Weak<Instrumented> w2 = w;
  EXPECT_EQ(rc.weak_count(), 2u);
  mw::Weak<Instrumented> w3 = std::move(w2);
  EXPECT_EQ(rc.weak_count(), 2u);
  EXPECT_EQ(counting.allocations(), 1u);
}

// upgrade of a live value is a new strong handle to the same block.
TEST_F(Weak, UpgradeWhileAliveSharesTheValue) {
  auto rc = mw::make_rc<Instrumented>(2);
  auto w = rc.downgrade();
  mw::Rc<Instrumented> up = w.upgrade();
  ASSERT_TRUE(up);
  EXPECT_TRUE(mw::Rc<Instrumented>::ptr_eq(up, rc));
  EXPECT_EQ(rc.strong_count(), 2u);
  EXPECT_EQ(up->value(), 2);
}

// The value dies with the last Rc while the block lives on for the Weak, and is freed with it;
// kills a weak count starting at 0 (block freed under the Weak) and destroying the value only
// when the last Weak goes.
TEST_F(Weak, ValueDiesWithTheLastRcBlockWithTheLastWeak) {
  auto rc = mw::make_rc<Instrumented>(3);
  auto w = rc.downgrade();
  rc.reset();
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(counting.live_blocks(), 1u);
  EXPECT_EQ(w.strong_count(), 0u);
  w.reset();
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(destroyed(), 1u);
}

// upgrade after the value died is empty, every time, and destroys nothing twice; kills an
// upgrade that resurrects a destroyed value from strong count 0.
TEST_F(Weak, UpgradeAfterDeathIsEmpty) {
  auto w = mw::make_rc<Instrumented>(4).downgrade();
  EXPECT_EQ(destroyed(), 1u);
  for (int i = 0; i < 3; ++i) {
    mw::Rc<Instrumented> up = w.upgrade();
    EXPECT_FALSE(up);
    EXPECT_EQ(w.strong_count(), 0u);
  }
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(alive(), 0);
}

// Handles dropped in any order, through copies, moves and assignments of both kinds, free the
// block exactly once, after the last one; kills Weak assignment leaking or double-releasing.
TEST_F(Weak, MixedHandlesFreeTheBlockAfterTheLastOne) {
  auto a = mw::make_rc<Instrumented>(5);
  auto other = mw::make_rc<Instrumented>(6);
  mw::Weak<Instrumented> w1 = a.downgrade();
  mw::Weak<Instrumented> w2 = other.downgrade();
  w2 = w1;  // drops the weak reference to `other`
  EXPECT_EQ(other.weak_count(), 0u);
  auto& same = w1;
  w1 = same;
  mw::Weak<Instrumented> w3;
  w3 = std::move(w2);
  EXPECT_EQ(a.weak_count(), 2u);
  other.reset();
  auto b = a;
  a.reset();
  b.reset();
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 1u);
  w1.reset();
  EXPECT_EQ(counting.live_blocks(), 1u);
  EXPECT_FALSE(w3.upgrade());
  w3.reset();
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// A default Weak is empty: it upgrades to nothing and allocates nothing (Rust's Weak::new).
TEST_F(Weak, DefaultWeakUpgradesToNothing) {
  mw::Weak<Instrumented> w;
  EXPECT_FALSE(w.upgrade());
  EXPECT_EQ(w.strong_count(), 0u);
  w.reset();
  EXPECT_EQ(counting.allocations(), 0u);
}

}  // namespace
