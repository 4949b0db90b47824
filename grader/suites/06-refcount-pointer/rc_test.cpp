// Hidden tests for mw::Rc: allocation, counts, copies, moves, assignment, access.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory_resource>
#include <type_traits>
#include <utility>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

#include "fixture.hpp"
#include "rc.hpp"

namespace {

using mwtest::Instrumented;

static_assert(sizeof(mw::Rc<Instrumented>) == sizeof(void*), "an Rc must be one pointer wide");
static_assert(sizeof(mw::Rc<char>) == sizeof(void*), "an Rc must be one pointer wide");
static_assert(std::is_same_v<decltype(*std::declval<const mw::Rc<int>&>()), const int&>,
              "an Rc gives shared access only: *rc must be const (Rust's Deref, not DerefMut)");

struct alignas(64) OverAligned {
  int value = 0;
};

// A node that owns the next one: for assignments whose source lives inside the old target.
struct Link {
  Link(mw::Rc<Link> next, int value) : next(std::move(next)), payload(value) {}
  mw::Rc<Link> next;
  Instrumented payload;
};

using Rc = RcFixture;

// make_rc is exactly one allocation, of an RcBox (counts and value together); kills a separate
// allocation for the control block and the value.
TEST_F(Rc, MakeRcIsOneAllocationHoldingCountsAndValue) {
  auto rc = mw::make_rc<Instrumented>(7);
  EXPECT_EQ(rc->value(), 7);
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(counting.sizes(), std::vector<std::size_t>{sizeof(mw::RcBox<Instrumented>)});
  EXPECT_TRUE(counting.contains(rc.get(), sizeof(Instrumented)));
  EXPECT_EQ(alive(), 1);
}

// allocate_rc takes its block from the given resource, aligned for an over-aligned value, and
// returns it there with the same size and alignment; kills ignoring the resource or the alignment.
TEST_F(Rc, AllocateRcUsesTheGivenResourceAndAlignment) {
  mwtest::CountingResource other;
  {
    std::vector<mw::Rc<OverAligned>> handles;
    for (int i = 0; i < 8; ++i)
      handles.push_back(mw::allocate_rc<OverAligned>(&other, OverAligned{i}));
    for (const auto& rc : handles) {
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(rc.get()) % 64, 0u);
      EXPECT_TRUE(other.contains(rc.get(), sizeof(OverAligned)));
    }
    EXPECT_EQ(other.allocations(), 8u);
    EXPECT_EQ(counting.allocations(), 0u);  // nothing from the default resource
  }
  EXPECT_EQ(other.live_blocks(), 0u);
  EXPECT_TRUE(other.errors().empty()) << other.errors().front();
}

// A value whose constructor throws leaves no block behind; kills leaking the block on a throw.
TEST_F(Rc, ThrowingConstructorLeaksNothing) {
  Instrumented::throw_after(1);
  EXPECT_THROW(mw::make_rc<Instrumented>(1), mwtest::InstrumentedError);
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(alive(), 0);
}

// A copy is another handle to the same value: strong count 2, no new allocation or value copy.
TEST_F(Rc, CopySharesTheValueAndCountsIt) {
  auto a = mw::make_rc<Instrumented>(3);
  mw::Rc<Instrumented> b = a;
  EXPECT_EQ(a.strong_count(), 2u);
  EXPECT_EQ(b.strong_count(), 2u);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(mwtest::life_counts().copies, 0u);
  EXPECT_EQ(a.weak_count(), 0u);
}

// The value is destroyed exactly once, when the last strong handle goes, and the block freed with
// it; kills destroying on the first drop, destroying twice and never freeing.
TEST_F(Rc, LastStrongHandleDestroysTheValueOnce) {
  auto a = mw::make_rc<Instrumented>(4);
  auto b = a;
  auto c = b;
  a.reset();
  EXPECT_FALSE(a);
  EXPECT_EQ(c.strong_count(), 2u);
  b.reset();
  EXPECT_EQ(alive(), 1);
  EXPECT_EQ(c->value(), 4);
  c.reset();
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// Move construction changes no count and empties the source; kills a move that leaves the source
// pointing at the block (a double decrement when both are dropped).
TEST_F(Rc, MoveConstructionStealsTheHandle) {
  auto a = mw::make_rc<Instrumented>(5);
  mw::Rc<Instrumented> b(std::move(a));
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): a moved-from Rc is documented empty
  EXPECT_EQ(a.strong_count(), 0u);
  EXPECT_EQ(b.strong_count(), 1u);
  a.reset();
  EXPECT_EQ(alive(), 1);
  b.reset();
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// Move assignment drops the old target at once and empties the source; kills a swap that keeps the
// old target alive in the source, and forgetting to release the old target.
TEST_F(Rc, MoveAssignmentDropsTheOldTargetAndEmptiesTheSource) {
  auto a = mw::make_rc<Instrumented>(1);
  auto b = mw::make_rc<Instrumented>(2);
  a = std::move(b);
  EXPECT_FALSE(b);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(a->value(), 2);
  EXPECT_EQ(a.strong_count(), 1u);
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(counting.live_blocks(), 1u);
}

// Copy assignment drops the old target at once and shares the new one; kills leaking the old
// target or not counting the new one.
TEST_F(Rc, CopyAssignmentDropsTheOldTargetAndSharesTheNewOne) {
  auto a = mw::make_rc<Instrumented>(1);
  auto b = mw::make_rc<Instrumented>(2);
  a = b;
  EXPECT_EQ(a->value(), 2);
  EXPECT_EQ(b.strong_count(), 2u);
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(counting.live_blocks(), 1u);
}

// Assigning a handle to itself keeps the value; kills releasing the old target before taking the
// new one (the value is destroyed, then read from freed memory or lost).
TEST_F(Rc, SelfCopyAssignmentKeepsTheValue) {
  auto a = mw::make_rc<Instrumented>(6);
  auto& same = a;
  a = same;
  ASSERT_TRUE(a);
  EXPECT_EQ(a->value(), 6);
  EXPECT_EQ(a.strong_count(), 1u);
  EXPECT_EQ(alive(), 1);
}

// Moving a handle into itself neither frees nor leaks; kills move assignment without a release
// of the old target and move assignment that frees what it then keeps.
TEST_F(Rc, SelfMoveAssignmentNeitherFreesNorLeaks) {
  auto a = mw::make_rc<Instrumented>(6);
  auto& same = a;
  a = std::move(same);
  if (a) {
    EXPECT_EQ(a->value(), 6);  // kept or emptied are both fine; a destroyed value is not
  }
  a.reset();
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// `head = head->next` where head owns the only handle to next: the source lives inside the value
// being dropped; kills releasing the old target before copying the source (use after free).
TEST_F(Rc, AssignmentFromAHandleOwnedByTheOldTarget) {
  auto head = mw::make_rc<Link>(mw::make_rc<Link>(mw::Rc<Link>(), 2), 1);
  head = head->next;
  ASSERT_TRUE(head);
  EXPECT_EQ(head->payload.value(), 2);
  EXPECT_EQ(head.strong_count(), 1u);
  EXPECT_EQ(alive(), 1);
  EXPECT_EQ(counting.live_blocks(), 1u);
}

// An empty Rc (default or moved-from) is false, counts nothing and allocates nothing.
TEST_F(Rc, EmptyHandle) {
  mw::Rc<Instrumented> empty;
  EXPECT_FALSE(empty);
  EXPECT_EQ(empty.get(), nullptr);
  EXPECT_EQ(empty.strong_count(), 0u);
  EXPECT_EQ(empty.weak_count(), 0u);
  EXPECT_FALSE(empty.downgrade().upgrade());
  empty.reset();
  EXPECT_EQ(counting.allocations(), 0u);
}

// operator* and operator-> reach the one shared value, from every handle.
TEST_F(Rc, DereferenceReachesTheSharedValue) {
  auto a = mw::make_rc<Instrumented>(8);
  const auto b = a;
  EXPECT_TRUE(a);
  EXPECT_EQ((*a).value(), 8);
  EXPECT_EQ(b->value(), 8);
  EXPECT_EQ(&*a, &*b);
  EXPECT_EQ(&*a, a.get());
}

}  // namespace
