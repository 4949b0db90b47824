// Hidden tests for mw::Rc's mutation paths (get_mut, make_mut) and identity (ptr_eq).
#include <gtest/gtest.h>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

#include "fixture.hpp"
#include "rc.hpp"

namespace {

using mwtest::Instrumented;
using RcI = mw::Rc<Instrumented>;

using Mutation = RcFixture;

// get_mut gives the value only to the one and only strong handle; kills returning it while
// another Rc shares the value.
TEST_F(Mutation, GetMutOnlyForTheOnlyHandle) {
  auto a = mw::make_rc<Instrumented>(1);
  ASSERT_NE(a.get_mut(), nullptr);
  *a.get_mut() = Instrumented(2);
  EXPECT_EQ(a->value(), 2);
  auto b = a;
  EXPECT_EQ(a.get_mut(), nullptr);
  EXPECT_EQ(b.get_mut(), nullptr);
  b.reset();
  EXPECT_EQ(a.get_mut(), a.get());
  EXPECT_EQ(RcI().get_mut(), nullptr);
}

// get_mut refuses while a Weak exists (it could upgrade and watch the value change); kills a
// get_mut that checks only the strong count.
TEST_F(Mutation, GetMutRefusesWhileAWeakExists) {
  auto a = mw::make_rc<Instrumented>(1);
  auto w = a.downgrade();
  EXPECT_EQ(a.get_mut(), nullptr);
  w.reset();
  EXPECT_EQ(a.get_mut(), a.get());
}

// make_mut on the only handle writes in place: no allocation, no copy.
TEST_F(Mutation, MakeMutOnAUniqueHandleWritesInPlace) {
  auto a = mw::make_rc<Instrumented>(1);
  const Instrumented* before = a.get();
  Instrumented& value = a.make_mut();
  EXPECT_EQ(&value, before);
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(mwtest::life_counts().copies, 0u);
}

// make_mut on a shared value copies it into a new block once, and only this handle sees the
// change; kills make_mut that writes into the shared value.
TEST_F(Mutation, MakeMutClonesASharedValue) {
  auto a = mw::make_rc<Instrumented>(1);
  auto b = a;
  a.make_mut() = Instrumented(9);
  EXPECT_FALSE(RcI::ptr_eq(a, b));
  EXPECT_EQ(a->value(), 9);
  EXPECT_EQ(b->value(), 1);
  EXPECT_EQ(a.strong_count(), 1u);
  EXPECT_EQ(b.strong_count(), 1u);
  EXPECT_EQ(counting.allocations(), 2u);
  Instrumented& again = a.make_mut();  // now unique: no second copy
  EXPECT_EQ(&again, a.get());
  EXPECT_EQ(counting.allocations(), 2u);
}

// make_mut when only Weak handles share the value moves it to a new block: the Weaks see it
// dead (Rust disassociates them); kills a make_mut that checks only the strong count, and one
// that copies the value where moving it out is enough.
TEST_F(Mutation, MakeMutDisassociatesWeakHandles) {
  auto a = mw::make_rc<Instrumented>(1);
  auto w = a.downgrade();
  a.make_mut() = Instrumented(7);
  EXPECT_EQ(mwtest::life_counts().copies, 0u);  // moved into the new block, not copied
  EXPECT_FALSE(w.upgrade());
  EXPECT_EQ(w.strong_count(), 0u);
  EXPECT_EQ(a->value(), 7);
  EXPECT_EQ(a.weak_count(), 0u);
  EXPECT_EQ(alive(), 1);
  EXPECT_EQ(counting.live_blocks(), 2u);  // the old block lives on for `w`
  w.reset();
  EXPECT_EQ(counting.live_blocks(), 1u);
}

// make_mut's new block, copied or moved into, comes from the resource the value came from and
// goes back there; kills a clone from the default resource.
TEST_F(Mutation, MakeMutClonesIntoTheValuesResource) {
  mwtest::CountingResource other;
  {
    auto a = mw::allocate_rc<Instrumented>(&other, 1);
    auto b = a;
    a.make_mut() = Instrumented(2);  // shared: copied
    EXPECT_TRUE(other.contains(a.get(), sizeof(Instrumented)));
    EXPECT_EQ(b->value(), 1);
    auto w = a.downgrade();
    a.make_mut() = Instrumented(3);  // only a Weak shares it: moved
    EXPECT_TRUE(other.contains(a.get(), sizeof(Instrumented)));
    EXPECT_EQ(other.allocations(), 3u);
  }
  EXPECT_EQ(counting.allocations(), 0u);  // nothing from the default resource
  EXPECT_EQ(other.live_blocks(), 0u);
  EXPECT_TRUE(other.errors().empty()) << other.errors().front();
}

// A make_mut whose copy throws leaves the handle sharing the old value with unchanged counts;
// kills dropping this handle's share before the copy is made.
TEST_F(Mutation, MakeMutThatThrowsLeavesTheHandleUnchanged) {
  auto a = mw::make_rc<Instrumented>(1);
  auto b = a;
  Instrumented::throw_after(1);
  EXPECT_THROW(a.make_mut(), mwtest::InstrumentedError);
  ASSERT_TRUE(a);
  EXPECT_TRUE(RcI::ptr_eq(a, b));
  EXPECT_EQ(a.strong_count(), 2u);
  EXPECT_EQ(a->value(), 1);
  EXPECT_EQ(alive(), 1);
  EXPECT_EQ(counting.live_blocks(), 1u);
}

// ptr_eq compares blocks, not values.
TEST_F(Mutation, PtrEqComparesIdentityNotValue) {
  auto a = mw::make_rc<Instrumented>(1);
  auto b = mw::make_rc<Instrumented>(1);
  auto a2 = a;
  EXPECT_TRUE(*a == *b);
  EXPECT_FALSE(RcI::ptr_eq(a, b));
  EXPECT_TRUE(RcI::ptr_eq(a, a2));
  EXPECT_TRUE(RcI::ptr_eq(RcI(), RcI()));
}

}  // namespace
