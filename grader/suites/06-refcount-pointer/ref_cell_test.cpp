// Hidden tests for mw::RefCell, mw::Ref and mw::RefMut: the borrow rule checked at run time.
#include <gtest/gtest.h>

#include <stdexcept>
#include <type_traits>
#include <utility>

#include "fixture.hpp"
#include "rc.hpp"
#include "ref_cell.hpp"

namespace {

static_assert(std::is_base_of_v<std::exception, mw::BorrowError>,
              "BorrowError must be catchable as std::exception");

using RefCell = RcFixture;

// Any number of shared borrows may live at once, all reading the value.
TEST_F(RefCell, ManySharedBorrowsAtOnce) {
  const mw::RefCell<int> cell(5);
  auto r1 = cell.borrow();
  auto r2 = cell.borrow();
  auto r3 = cell.try_borrow();
  ASSERT_TRUE(r3.has_value());
  EXPECT_EQ(*r1 + *r2 + **r3, 15);
}

// borrow_mut while a shared borrow lives throws BorrowError; kills a RefCell that lets a writer
// in beside a reader.
TEST_F(RefCell, BorrowMutWhileBorrowedThrows) {
  const mw::RefCell<int> cell(5);
  auto reader = cell.borrow();
  EXPECT_THROW(cell.borrow_mut(), mw::BorrowError);
  EXPECT_EQ(*reader, 5);
}

// Neither borrow nor borrow_mut is allowed while a mutable borrow lives.
TEST_F(RefCell, AnyBorrowWhileMutablyBorrowedThrows) {
  const mw::RefCell<int> cell(5);
  auto writer = cell.borrow_mut();
  EXPECT_THROW(cell.borrow(), mw::BorrowError);
  EXPECT_THROW(cell.borrow_mut(), mw::BorrowError);
  *writer = 6;
  EXPECT_EQ(*writer, 6);
}

// Guards give their borrow back when destroyed; kills a guard that never releases.
TEST_F(RefCell, GuardsReleaseOnDestruction) {
  const mw::RefCell<int> cell(1);
  { *cell.borrow_mut() = 2; }
  {
    auto a = cell.borrow();
    auto b = cell.borrow();
    EXPECT_EQ(*a, 2);
  }
  { *cell.borrow_mut() += 1; }
  EXPECT_EQ(*cell.borrow(), 3);
}

// try_borrow and try_borrow_mut report a conflict as nullopt without throwing.
TEST_F(RefCell, TryBorrowReportsConflictsWithoutThrowing) {
  const mw::RefCell<int> cell(1);
  {
    auto reader = cell.try_borrow();
    ASSERT_TRUE(reader.has_value());
    EXPECT_FALSE(cell.try_borrow_mut().has_value());
  }
  auto writer = cell.try_borrow_mut();
  ASSERT_TRUE(writer.has_value());
  **writer = 4;
  EXPECT_FALSE(cell.try_borrow().has_value());
  EXPECT_FALSE(cell.try_borrow_mut().has_value());
  EXPECT_EQ(**writer, 4);
}

// A moved-from guard releases nothing; kills a move constructor that leaves both guards holding
// the borrow (released twice: the flag goes wrong).
TEST_F(RefCell, MovedGuardsReleaseExactlyOnce) {
  const mw::RefCell<int> cell(1);
  {
    auto first = cell.borrow();
    auto second = std::move(first);
  }
  EXPECT_NO_THROW({ auto writer = cell.borrow_mut(); });
  {
    auto outer = cell.borrow_mut();
    {
      auto moved = std::move(outer);
      auto inner = std::move(moved);
      EXPECT_THROW(cell.borrow(), mw::BorrowError);
    }
    EXPECT_NO_THROW({ auto reader = cell.borrow(); });
  }
  EXPECT_NO_THROW({ auto reader = cell.borrow(); });
}

// Rc<RefCell<T>>: every handle reaches one value that any of them can change, through const
// access; kills a RefCell whose borrow_mut needs a non-const cell.
TEST_F(RefCell, SharedMutationThroughRc) {
  auto a = mw::make_rc<mw::RefCell<int>>(1);
  auto b = a;
  *a->borrow_mut() = 10;
  EXPECT_EQ(*b->borrow(), 10);
  auto reader = a->borrow();
  EXPECT_THROW(b->borrow_mut(), mw::BorrowError);
}

}  // namespace
