// Hidden tests for reference cycles: strong cycles leak, Weak back links do not.
#include <gtest/gtest.h>

#include <mwtest/instrumented.hpp>

#include "fixture.hpp"
#include "rc.hpp"
#include "ref_cell.hpp"

namespace {

using mwtest::Instrumented;

// A pair of nodes that may point at each other, strongly or weakly.
struct Pair {
  explicit Pair(int value) : payload(value) {}
  mw::RefCell<mw::Rc<Pair>> strong{mw::Rc<Pair>()};
  mw::RefCell<mw::Weak<Pair>> weak{mw::Weak<Pair>()};
  Instrumented payload;
};

using Cycles = RcFixture;

// The lesson, measured: two nodes holding strong handles to each other outlive every outside
// handle (two blocks, two values leaked); the test then breaks the cycle by hand so it leaks
// nothing itself. Needs upgrade and a counting Rc; fails on a stub like any other test.
TEST_F(Cycles, StrongCycleLeaksUntilBrokenByHand) {
  mw::Weak<Pair> observer;
  {
    auto a = mw::make_rc<Pair>(1);
    auto b = mw::make_rc<Pair>(2);
    *a->strong.borrow_mut() = b;
    *b->strong.borrow_mut() = a;
    observer = a.downgrade();
    EXPECT_EQ(a.strong_count(), 2u);
  }
  EXPECT_EQ(counting.live_blocks(), 2u);  // the leak
  EXPECT_EQ(alive(), 2);
  EXPECT_EQ(observer.strong_count(), 1u);  // held by b only

  mw::Rc<Pair> a = observer.upgrade();
  ASSERT_TRUE(a);
  a->strong.borrow_mut()->reset();  // a drops b; b drops its handle to a
  EXPECT_EQ(alive(), 1);
  EXPECT_EQ(a.strong_count(), 1u);
  a.reset();
  observer.reset();
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// The same pair with one link made Weak is freed by dropping the outside handles.
TEST_F(Cycles, WeakBackLinkBreaksTheCycle) {
  {
    auto a = mw::make_rc<Pair>(1);
    auto b = mw::make_rc<Pair>(2);
    *a->strong.borrow_mut() = b;
    *b->weak.borrow_mut() = a.downgrade();
    EXPECT_EQ(a.strong_count(), 1u);
    EXPECT_EQ(b.strong_count(), 2u);
  }
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

}  // namespace
