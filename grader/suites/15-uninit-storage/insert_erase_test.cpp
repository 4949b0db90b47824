// Hidden tests for mw::SmallVec's insert and erase: order, returned iterators, balance,
// and arguments that alias the vector's own elements (with and without reallocation).
#include <gtest/gtest.h>

#include <vector>

#include "fixture.hpp"
#include "small_vec.hpp"

namespace {

using Insert = SmallVecTest;
using Erase = SmallVecTest;

// insert in the middle shifts the tail up and returns the new element; kills an off-by-one
// shift and returning the old position's iterator into a stale buffer.
TEST_F(Insert, InTheMiddleShiftsTheTailUp) {
  mw::SmallVec<Instrumented, 8> v(&counting);
  fill(v, 0, 5);
  auto it = v.insert(v.begin() + 2, Instrumented(9));
  EXPECT_EQ(it, v.begin() + 2);
  EXPECT_EQ(it->value(), 9);
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 9, 2, 3, 4}));
  EXPECT_EQ(alive(), 6);
}

// insert at the front, at the end and into an empty vector; kills index arithmetic that
// only works in the middle.
TEST_F(Insert, AtTheEnds) {
  mw::SmallVec<Instrumented, 8> v(&counting);
  v.insert(v.begin(), Instrumented(1));
  v.insert(v.end(), Instrumented(2));
  v.insert(v.begin(), Instrumented(0));
  auto it = v.insert(v.end(), Instrumented(3));
  EXPECT_EQ(it, v.end() - 1);
  EXPECT_EQ(values(v), range(0, 4));
  EXPECT_EQ(alive(), 4);
}

// insert into a full vector spills (one allocation, doubled capacity) and keeps the order;
// kills inserting past the capacity without growing.
TEST_F(Insert, IntoAFullVectorGrows) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 4);
  auto it = v.insert(v.begin() + 1, Instrumented(9));
  EXPECT_EQ(it, v.begin() + 1);
  EXPECT_EQ(values(v), (std::vector<int>{0, 9, 1, 2, 3}));
  EXPECT_EQ(v.capacity(), 8u);
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(alive(), 5);
}

// v.insert(v.begin(), v[2]) with room inserts the value v[2] had before the call; kills
// shifting first and then copying from the reference, which now names another element.
TEST_F(Insert, OwnElementWithRoom) {
  mw::SmallVec<Instrumented, 8> v(&counting);
  fill(v, 0, 5);
  v.insert(v.begin(), v[2]);
  EXPECT_EQ(values(v), (std::vector<int>{2, 0, 1, 2, 3, 4}));
  v.insert(v.end() - 1, v[5]);
  EXPECT_EQ(values(v), (std::vector<int>{2, 0, 1, 2, 3, 4, 4}));
  EXPECT_EQ(alive(), 7);
}

// v.insert(v.begin(), v[2]) on a full vector inserts the right value; kills reading the
// argument after the old buffer was freed (ASan: heap-use-after-free) or moved from.
TEST_F(Insert, OwnElementThatReallocates) {
  mw::SmallVec<NothrowInstrumented, 4> v(&counting);
  fill(v, 0, 8);  // full, on the heap
  v.insert(v.begin(), v[2]);
  EXPECT_EQ(values(v), (std::vector<int>{2, 0, 1, 2, 3, 4, 5, 6, 7}));
  mw::SmallVec<Instrumented, 2> w(&counting);
  fill(w, 0, 2);  // full, inline
  w.insert(w.begin() + 1, w[0]);
  EXPECT_EQ(values(w), (std::vector<int>{0, 0, 1}));
  EXPECT_EQ(alive(), 12);
}

// v.push_back(v[0]) on a full vector appends the right value; kills relocating (moving the
// elements out, freeing the block) before constructing the new element from the reference.
TEST_F(Insert, PushBackOfOwnElementThatReallocates) {
  mw::SmallVec<NothrowInstrumented, 4> v(&counting);
  fill(v, 0, 8);
  v.push_back(v[0]);
  v.emplace_back(v[1].value() + 100);
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 0, 101}));
  mw::SmallVec<Instrumented, 4> w(&counting);
  fill(w, 0, 4);
  w.push_back(w[3]);
  EXPECT_EQ(values(w), (std::vector<int>{0, 1, 2, 3, 3}));
  EXPECT_EQ(alive(), 15);
}

// erase in the middle shifts the tail down, destroys exactly one element, and returns the
// next one; kills destroying the erased slot and then leaving the last (moved-from) alive.
TEST_F(Erase, InTheMiddleShiftsTheTailDown) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 6);
  const auto before = destroyed();
  auto it = v.erase(v.begin() + 1);
  EXPECT_EQ(it->value(), 2);
  EXPECT_EQ(it, v.begin() + 1);
  EXPECT_EQ(destroyed(), before + 1);
  EXPECT_EQ(values(v), (std::vector<int>{0, 2, 3, 4, 5}));
  EXPECT_EQ(alive(), 5);
}

// Erasing the last element returns end(), and erasing from the front until empty leaves
// nothing alive; kills shifting past the end.
TEST_F(Erase, LastAndEveryElement) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 5);
  auto it = v.erase(v.end() - 1);
  EXPECT_EQ(it, v.end());
  EXPECT_EQ(values(v), range(0, 4));
  while (!v.empty()) v.erase(v.begin());
  EXPECT_EQ(alive(), 0);
  fill(v, 0, 3);
  EXPECT_EQ(values(v), range(0, 3));
}

}  // namespace
