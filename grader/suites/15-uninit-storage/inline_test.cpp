// Hidden tests for mw::SmallVec while it stays inline: no allocation, element lifetimes
// (construct_at / destroy_at exactly once per element), iteration.
#include <gtest/gtest.h>

#include <iterator>
#include <numeric>
#include <set>
#include <utility>

#include <mwtest/registered.hpp>

#include "fixture.hpp"
#include "small_vec.hpp"

namespace {

using Inline = SmallVecTest;

// Up to N elements live inside the object: no allocation, capacity N; kills allocating
// from the start or a heap-only vector.
TEST_F(Inline, UpToNElementsAllocateNothing) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  EXPECT_TRUE(v.empty());
  fill(v, 0, 4);
  EXPECT_EQ(v.size(), 4u);
  EXPECT_EQ(v.capacity(), 4u);
  EXPECT_TRUE(v.is_inline());
  EXPECT_TRUE(inside(v.data(), v));
  EXPECT_TRUE(inside(&v[3], v));
  EXPECT_EQ(values(v), range(0, 4));
  EXPECT_EQ(counting.allocations(), 0u);
  EXPECT_EQ(alive(), 4);
}

// emplace_back constructs the element in place from its arguments (no temporary, no copy,
// no move) and returns it; kills building a T and then copying or moving it in.
TEST_F(Inline, EmplaceBackConstructsInPlace) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  Instrumented& last = v.emplace_back(5);
  EXPECT_EQ(&last, &v[0]);
  EXPECT_EQ(last.value(), 5);
  EXPECT_EQ(constructed(), 1u);
  EXPECT_EQ(copies() + moves(), 0u);
}

// push_back copies an lvalue and moves an rvalue, exactly once each; kills copying rvalues.
TEST_F(Inline, PushBackCopiesLvaluesAndMovesRvalues) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  const Instrumented original(1);
  v.push_back(original);
  EXPECT_EQ(copies(), 1u);
  EXPECT_EQ(moves(), 0u);
  v.push_back(Instrumented(2));
  EXPECT_EQ(copies(), 1u);
  EXPECT_EQ(moves(), 1u);
  EXPECT_EQ(values(v), (std::vector<int>{1, 2}));
  EXPECT_EQ(original.value(), 1);
}

// pop_back destroys the last element and only it; kills a missing destroy_at (leak of a
// life) and destroying the wrong slot.
TEST_F(Inline, PopBackDestroysExactlyTheLastElement) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 3);
  v.pop_back();
  EXPECT_EQ(destroyed(), 1u);
  EXPECT_EQ(alive(), 2);
  EXPECT_EQ(values(v), range(0, 2));
  v.pop_back();
  v.pop_back();
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(alive(), 0);
  v.emplace_back(9);  // the slots are reusable
  EXPECT_EQ(values(v), std::vector<int>{9});
}

// pop_back, inline and on the heap, destroys the object in the last live slot, element by
// element: the live objects are exactly the remaining elements, and no address that holds no
// object is destroyed; kills destroying the raw slot one past the end (data() + size() before the
// decrement), which leaves the counts balanced but the last element never destroyed.
TEST_F(Inline, PopBackDestroysTheLastLiveSlotNotThePastTheEndOne) {
  mwtest::Registered::reset();
  {
    mw::SmallVec<mwtest::Registered, 2> v(&counting);
    for (int i = 0; i < 5; ++i) v.emplace_back(i);  // spilled to the heap
    for (std::size_t size = 5; size-- > 0;) {
      v.pop_back();
      std::set<const mwtest::Registered*> elements;
      for (const auto& element : v) elements.insert(&element);
      ASSERT_EQ(mwtest::Registered::live(), elements) << "after pop_back to size " << size;
    }
    for (int i = 0; i < 2; ++i) v.emplace_back(i);  // back to inline sizes, still on the heap
    v.pop_back();
    EXPECT_EQ(mwtest::Registered::live().size(), 1u);
  }
  mw::SmallVec<mwtest::Registered, 4> inline_v(&counting);
  for (int i = 0; i < 3; ++i) inline_v.emplace_back(i);
  inline_v.pop_back();
  EXPECT_EQ(mwtest::Registered::live(),
            (std::set<const mwtest::Registered*>{&inline_v[0], &inline_v[1]}));
  inline_v.clear();
  EXPECT_TRUE(mwtest::Registered::errors().empty()) << mwtest::Registered::errors().front();
}

// The destructor destroys the size() live elements and not the N raw slots; kills
// destroying the whole buffer (a ~T on bytes that hold no object) or nothing at all.
TEST_F(Inline, DestructorDestroysOnlyLiveElements) {
  {
    mw::SmallVec<Instrumented, 8> v(&counting);
    fill(v, 0, 3);
  }
  EXPECT_EQ(constructed(), 3u);
  EXPECT_EQ(destroyed(), 3u);
}

// clear destroys every element and keeps the capacity: refilling a spilled vector to its
// capacity allocates nothing; kills clear without destroy_at, or clear that frees.
TEST_F(Inline, ClearDestroysEveryElementAndKeepsTheBlock) {
  mw::SmallVec<Instrumented, 2> v(&counting);
  fill(v, 0, 7);
  const auto capacity = v.capacity();
  const auto allocations = counting.allocations();
  v.clear();
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(v.capacity(), capacity);
  fill(v, 0, static_cast<int>(capacity));
  EXPECT_EQ(counting.allocations(), allocations);
  EXPECT_EQ(values(v), range(0, static_cast<int>(capacity)));
}

// Iteration visits size() elements in order, through both const and mutable iterators,
// and writes through them land in the vector; kills end() computed from the capacity.
TEST_F(Inline, IteratorsCoverTheLiveElements) {
  mw::SmallVec<Instrumented, 8> v(&counting);
  fill(v, 1, 6);
  EXPECT_EQ(std::distance(v.begin(), v.end()), 5);
  for (Instrumented& element : v) element = Instrumented(element.value() * 2);
  const auto& view = v;
  const int sum = std::accumulate(view.begin(), view.end(), 0,
                                  [](int acc, const Instrumented& e) { return acc + e.value(); });
  EXPECT_EQ(sum, 2 + 4 + 6 + 8 + 10);
  EXPECT_EQ(&*view.begin(), view.data());
}

}  // namespace
