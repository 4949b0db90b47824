// Hidden tests for mw::DList: order at both ends, and every node freed.
#include <gtest/gtest.h>

#include <memory_resource>
#include <optional>

#include <mwtest/instrumented.hpp>
#include <mwtest/scoped_default_resource.hpp>

#include "dlist.hpp"
#include "fixture.hpp"

namespace {

using mwtest::Instrumented;

using DList = RcFixture;

// push_back then pop_front is first in, first out; an emptied list reports nullopt at both ends.
TEST_F(DList, PushBackPopFrontIsFirstInFirstOut) {
  mw::DList<int> list;
  for (int i = 1; i <= 5; ++i) list.push_back(i);
  EXPECT_EQ(list.size(), 5u);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(list.pop_front(), std::optional<int>(i));
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(list.pop_front(), std::nullopt);
  EXPECT_EQ(list.pop_back(), std::nullopt);
}

// push_front then pop_back is first in, first out from the other end.
TEST_F(DList, PushFrontPopBackIsFirstInFirstOut) {
  mw::DList<int> list;
  for (int i = 1; i <= 5; ++i) list.push_front(i);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(list.pop_back(), std::optional<int>(i));
  EXPECT_TRUE(list.empty());
}

// Both ends mixed keep the order, and a list emptied from one end works again from the other;
// kills a stale tail (or head) left behind by the last pop.
TEST_F(DList, MixedEndsKeepTheOrder) {
  mw::DList<int> list;
  list.push_back(2);
  list.push_front(1);
  list.push_back(3);
  EXPECT_EQ(list.pop_back(), std::optional<int>(3));
  EXPECT_EQ(list.pop_front(), std::optional<int>(1));
  EXPECT_EQ(list.pop_back(), std::optional<int>(2));
  EXPECT_EQ(list.size(), 0u);
  list.push_front(4);
  list.push_back(5);
  EXPECT_EQ(list.pop_front(), std::optional<int>(4));
  EXPECT_EQ(list.pop_front(), std::optional<int>(5));
  EXPECT_EQ(list.pop_back(), std::nullopt);
}

// Each pop frees its node at once and the destructor frees the rest; kills strong back links
// (cycles) and pops that leave a node behind.
TEST_F(DList, PopsAndTheDestructorFreeEveryNode) {
  {
    mw::DList<Instrumented> list;
    for (int i = 0; i < 50; ++i) {
      list.push_back(Instrumented(i));
      list.push_front(Instrumented(-i));
    }
    EXPECT_EQ(counting.live_blocks(), 100u);
    for (int i = 0; i < 10; ++i) {
      EXPECT_TRUE(list.pop_front().has_value());
      EXPECT_TRUE(list.pop_back().has_value());
    }
    EXPECT_EQ(counting.live_blocks(), 80u);
    EXPECT_EQ(alive(), 80);
  }
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// A long list is destroyed without one stack frame per node; kills the default (recursive)
// destructor, which overflows the stack.
TEST_F(DList, LongListIsDestroyedWithoutRecursion) {
  // Counting 100000 blocks in CountingResource's map would take seconds: LeakSanitizer and
  // Instrumented check this one.
  mwtest::ScopedDefaultResource uncounted{std::pmr::new_delete_resource()};
  {
    mw::DList<Instrumented> list;
    for (int i = 0; i < 100000; ++i) list.push_back(Instrumented(i));
    EXPECT_EQ(alive(), 100000);
  }
  EXPECT_EQ(alive(), 0);
}

}  // namespace
