// Hidden tests for copying and moving mw::SmallVec: element-wise inline, buffer-stealing on
// the heap, exact allocations, assignment, self-assignment.
#include <gtest/gtest.h>

#include <utility>

#include "fixture.hpp"
#include "small_vec.hpp"

namespace {

using Copy = SmallVecTest;
using Move = SmallVecTest;
using Assign = SmallVecTest;

// Copying an inline vector copies each element once, into the copy's own inline buffer,
// allocating nothing; kills sharing the source's storage and copying raw bytes.
TEST_F(Copy, InlineCopyIsElementwise) {
  mw::SmallVec<Instrumented, 4> source(&counting);
  fill(source, 0, 3);
  mwtest::life_counts().copies = 0;
  mw::SmallVec<Instrumented, 4> copy(source);
  EXPECT_EQ(copies(), 3u);
  EXPECT_EQ(alive(), 6);
  EXPECT_TRUE(copy.is_inline());
  EXPECT_TRUE(inside(copy.data(), copy));
  EXPECT_EQ(counting.allocations(), 0u);
  copy[0] = Instrumented(42);
  EXPECT_EQ(values(source), range(0, 3));
  EXPECT_EQ(values(copy), (std::vector<int>{42, 1, 2}));
}

// Copying a spilled vector makes ONE allocation of exactly size() elements from the
// source's resource; kills growing the copy by push_back and using the default resource.
TEST_F(Copy, SpilledCopyAllocatesExactlyItsSize) {
  mw::SmallVec<Instrumented, 4> source(&counting);
  fill(source, 0, 10);
  const auto before = counting.allocations();
  mw::SmallVec<Instrumented, 4> copy(source);
  EXPECT_EQ(counting.allocations(), before + 1);
  EXPECT_EQ(counting.sizes().back(), 10 * sizeof(Instrumented));
  EXPECT_EQ(copy.capacity(), 10u);
  EXPECT_EQ(copy.resource(), &counting);
  EXPECT_NE(copy.data(), source.data());
  EXPECT_EQ(values(copy), range(0, 10));
  EXPECT_EQ(alive(), 20);
}

// Moving a spilled vector steals its block: no allocation, no element constructed, the
// source left empty, inline and reusable; kills copying on move and a source that still
// owns (then frees) the block — a double free.
TEST_F(Move, SpilledMoveStealsTheBlock) {
  mw::SmallVec<Instrumented, 4> source(&counting);
  fill(source, 0, 6);
  const Instrumented* block = source.data();
  const auto built = constructed();
  const auto allocations = counting.allocations();
  mw::SmallVec<Instrumented, 4> target(std::move(source));
  EXPECT_EQ(target.data(), block);
  EXPECT_EQ(constructed(), built);
  EXPECT_EQ(counting.allocations(), allocations);
  EXPECT_EQ(values(target), range(0, 6));
  EXPECT_TRUE(source.empty());
  EXPECT_TRUE(source.is_inline());
  EXPECT_EQ(source.capacity(), 4u);
  source.emplace_back(7);
  EXPECT_EQ(values(source), std::vector<int>{7});
}

// Moving an inline vector move-constructs each element into the target's buffer and
// destroys the moved-from ones; kills leaving them alive in the source and copying.
TEST_F(Move, InlineMoveMovesEachElement) {
  mw::SmallVec<Instrumented, 4> source(&counting);
  fill(source, 0, 3);
  mw::SmallVec<Instrumented, 4> target(std::move(source));
  EXPECT_EQ(moves(), 3u);
  EXPECT_EQ(copies(), 0u);
  EXPECT_TRUE(source.empty());
  EXPECT_EQ(alive(), 3);
  EXPECT_TRUE(inside(target.data(), target));
  EXPECT_EQ(values(target), range(0, 3));
}

// Copy assignment replaces the contents, balances lives, and survives `a = a`; kills
// self-assignment that clears its own source and assignment without destroying old values.
TEST_F(Assign, CopyAssignmentReplacesTheElements) {
  mw::SmallVec<Instrumented, 2> a(&counting);
  mw::SmallVec<Instrumented, 2> b(&counting);
  fill(a, 0, 5);
  fill(b, 10, 12);
  a = b;
  EXPECT_EQ(values(a), range(10, 12));
  EXPECT_EQ(alive(), 4);
  b = a;
  fill(b, 12, 20);
  a = b;
  EXPECT_EQ(values(a), range(10, 20));
  auto& alias = a;
  a = alias;
  EXPECT_EQ(values(a), range(10, 20));
  EXPECT_EQ(alive(), 20);
}

// Copy assignment keeps the target's heap block when the source's elements fit in it: no
// allocation, same data(), same capacity (README: "copy assignment keeps its block"); kills a copy
// assignment written as copy-and-swap or as free-then-copy, which allocates a new block.
TEST_F(Assign, CopyAssignmentKeepsABlockThatIsLargeEnough) {
  mw::SmallVec<Instrumented, 2> a(&counting);
  mw::SmallVec<Instrumented, 2> b(&counting);
  fill(a, 0, 8);
  fill(b, 10, 13);
  const auto* block = a.data();
  const std::size_t capacity = a.capacity(), allocations = counting.allocations();
  a = b;
  EXPECT_EQ(values(a), range(10, 13));
  EXPECT_EQ(a.data(), block);
  EXPECT_EQ(a.capacity(), capacity);
  EXPECT_EQ(counting.allocations(), allocations);
}

// Move assignment frees the target's old block and takes the source's; `a = std::move(a)`
// changes nothing; kills leaking the old block and self-move that frees its own block.
TEST_F(Assign, MoveAssignmentFreesTheOldBlockAndStealsTheNew) {
  mw::SmallVec<Instrumented, 2> a(&counting);
  mw::SmallVec<Instrumented, 2> b(&counting);
  fill(a, 0, 6);
  fill(b, 10, 17);
  const Instrumented* block = b.data();
  a = std::move(b);
  EXPECT_EQ(a.data(), block);
  EXPECT_EQ(counting.live_blocks(), 1u);
  EXPECT_EQ(alive(), 7);
  EXPECT_TRUE(b.empty());
  auto& alias = a;
  a = std::move(alias);
  EXPECT_EQ(values(a), range(10, 17));
  mw::SmallVec<Instrumented, 2> c(&counting);
  c.emplace_back(5);
  a = std::move(c);  // from an inline vector: a gives its block back and is inline again
  EXPECT_EQ(values(a), std::vector<int>{5});
  EXPECT_TRUE(a.is_inline());
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(alive(), 1);
}

}  // namespace
