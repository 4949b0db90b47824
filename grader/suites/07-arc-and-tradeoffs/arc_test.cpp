// Hidden tests for mw::Arc on one thread: allocation, counts, copies, moves, assignment.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory_resource>
#include <type_traits>
#include <utility>
#include <vector>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

#include "arc.hpp"
#include "fixture.hpp"

namespace {

using mwtest::Instrumented;

static_assert(sizeof(mw::Arc<Instrumented>) == sizeof(void*), "an Arc must be one pointer wide");
static_assert(sizeof(mw::WeakArc<Instrumented>) == sizeof(void*),
              "a WeakArc must be one pointer wide");
static_assert(std::is_same_v<decltype(*std::declval<const mw::Arc<int>&>()), const int&>,
              "an Arc gives shared access only: *arc must be const (Rust's Deref)");

struct alignas(64) OverAligned {
  int value = 0;
};

using Arc = ArcFixture;

// make_arc is exactly one allocation, of an ArcInner holding the counts and the value; kills a
// separate control block and a wrong strong/weak start.
TEST_F(Arc, MakeArcIsOneAllocationHoldingCountsAndValue) {
  auto arc = mw::make_arc<Instrumented>(7);
  EXPECT_EQ(arc->value(), 7);
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(counting.sizes(), std::vector<std::size_t>{sizeof(mw::ArcInner<Instrumented>)});
  EXPECT_TRUE(counting.contains(arc.get(), sizeof(Instrumented)));
  EXPECT_EQ(arc.strong_count(), 1u);
  EXPECT_EQ(arc.weak_count(), 0u);
  EXPECT_EQ(inner_of(arc).weak.load(), 1u);  // the strong handles' collective weak reference
  EXPECT_EQ(alive(), 1);
}

// allocate_arc takes the block from the given resource, aligned for an over-aligned value, and
// gives it back there with the same size and alignment; kills ignoring the resource or alignment.
TEST_F(Arc, AllocateArcUsesTheGivenResourceAndAlignment) {
  mwtest::CountingResource other;
  {
    std::vector<mw::Arc<OverAligned>> handles;
    for (int i = 0; i < 8; ++i)
      handles.push_back(mw::allocate_arc<OverAligned>(&other, OverAligned{i}));
    for (const auto& arc : handles) {
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(arc.get()) % 64, 0u);
      EXPECT_TRUE(other.contains(arc.get(), sizeof(OverAligned)));
    }
    EXPECT_EQ(other.allocations(), 8u);
    EXPECT_EQ(counting.allocations(), 0u);
  }
  EXPECT_EQ(other.live_blocks(), 0u);
  EXPECT_TRUE(other.errors().empty()) << other.errors().front();
}

// A value whose constructor throws leaves no block behind; kills leaking the block on a throw.
TEST_F(Arc, ThrowingConstructorLeaksNothing) {
  Instrumented::throw_after(1);
  EXPECT_THROW(mw::make_arc<Instrumented>(1), mwtest::InstrumentedError);
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(alive(), 0);
}

// A copy is another handle to the same value: strong 2, no allocation, no copy of the value.
TEST_F(Arc, CopySharesTheValueAndCountsIt) {
  auto a = mw::make_arc<Instrumented>(3);
  mw::Arc<Instrumented> b = a;
  EXPECT_EQ(a.strong_count(), 2u);
  EXPECT_EQ(b.strong_count(), 2u);
  EXPECT_TRUE(mw::Arc<Instrumented>::ptr_eq(a, b));
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(mwtest::life_counts().copies, 0u);
}

// A move hands the handle over without counting and empties the source; kills a move that
// copies (leaks a count) or leaves the source pointing at the block (double drop).
TEST_F(Arc, MoveTransfersWithoutCounting) {
  auto a = mw::make_arc<Instrumented>(4);
  mw::Arc<Instrumented> b = std::move(a);
  EXPECT_FALSE(a);
  EXPECT_EQ(a.strong_count(), 0u);
  EXPECT_EQ(b.strong_count(), 1u);
  mw::Arc<Instrumented> c;
  c = std::move(b);
  EXPECT_FALSE(b);
  EXPECT_EQ(c.strong_count(), 1u);
  c.reset();
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// Assignment shares the new value and drops the old one, and a = a / a = move(a) keep the
// value; kills dropping before counting (self-assignment destroys the value).
TEST_F(Arc, AssignmentDropsTheOldValueAndSurvivesSelfAssignment) {
  auto a = mw::make_arc<Instrumented>(1);
  auto b = mw::make_arc<Instrumented>(2);
  a = b;
  EXPECT_EQ(alive(), 1);
  EXPECT_EQ(counting.live_blocks(), 1u);
  EXPECT_EQ(b.strong_count(), 2u);
  auto& same = a;
  a = same;
  a = std::move(same);
  EXPECT_EQ(a->value(), 2);
  EXPECT_EQ(b.strong_count(), 2u);
}

// The last handle destroys the value exactly once and frees the block; kills a leak, a double
// destroy, and freeing with a wrong size or alignment.
TEST_F(Arc, LastHandleDestroysTheValueOnceAndFreesTheBlock) {
  auto a = mw::make_arc<Instrumented>(5);
  std::vector<mw::Arc<Instrumented>> copies(10, a);
  EXPECT_EQ(a.strong_count(), 11u);
  a.reset();
  copies.resize(1);
  EXPECT_EQ(alive(), 1);
  copies.clear();
  EXPECT_EQ(mwtest::life_counts().destroyed, 1u);
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(counting.deallocations(), 1u);
}

// An empty handle counts 0, downgrades and resets safely; kills dereferencing a null block.
TEST_F(Arc, EmptyHandleIsSafe) {
  mw::Arc<Instrumented> empty;
  EXPECT_EQ(empty.get(), nullptr);
  EXPECT_EQ(empty.strong_count(), 0u);
  EXPECT_EQ(empty.weak_count(), 0u);
  EXPECT_FALSE(empty.downgrade().upgrade());
  empty.reset();
  mw::Arc<Instrumented> copy = empty;
  EXPECT_TRUE(mw::Arc<Instrumented>::ptr_eq(copy, empty));
  EXPECT_EQ(counting.allocations(), 0u);
}

}  // namespace
