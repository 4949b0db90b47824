// Visible tests for 06-refcount-pointer: a few examples of what the hidden suite expects
// (it has many more: exact allocation counts, value and block lifetimes, assignment corner
// cases, make_mut, guards, trees, lists and cycles).
// Run them with `build/main/bin/grader test 06`.
#include <gtest/gtest.h>

#include <optional>

#include "dlist.hpp"
#include "rc.hpp"
#include "ref_cell.hpp"
#include "tree.hpp"

namespace {

// Copies share one value and count themselves; the last one out destroys it.
TEST(Visible, CopiesShareAndCount) {
  auto a = mw::make_rc<int>(42);
  auto b = a;
  EXPECT_EQ(a.strong_count(), 2u);
  EXPECT_TRUE(mw::Rc<int>::ptr_eq(a, b));
  b.reset();
  EXPECT_EQ(a.strong_count(), 1u);
  EXPECT_EQ(*a, 42);
}

// A Weak upgrades while the value lives, and to nothing after.
TEST(Visible, WeakUpgradesOnlyWhileAlive) {
  auto rc = mw::make_rc<int>(7);
  mw::Weak<int> w = rc.downgrade();
  EXPECT_EQ(*w.upgrade(), 7);
  rc.reset();
  EXPECT_FALSE(w.upgrade());
}

// A RefCell refuses a writer while a reader is alive.
TEST(Visible, RefCellChecksBorrowsAtRunTime) {
  const mw::RefCell<int> cell(1);
  {
    auto reader = cell.borrow();
    EXPECT_THROW(cell.borrow_mut(), mw::BorrowError);
  }
  *cell.borrow_mut() = 2;
  EXPECT_EQ(*cell.borrow(), 2);
}

// A child finds its parent through its Weak link.
TEST(Visible, TreeChildKnowsItsParent) {
  using Node = mw::TreeNode<int>;
  auto root = mw::make_rc<Node>(0);
  Node::add_child(root, mw::make_rc<Node>(1));
  EXPECT_TRUE(mw::Rc<Node>::ptr_eq(root->child(0)->parent(), root));
}

// A list works from both ends.
TEST(Visible, ListBothEnds) {
  mw::DList<int> list;
  list.push_back(2);
  list.push_front(1);
  EXPECT_EQ(list.pop_back(), std::optional<int>(2));
  EXPECT_EQ(list.pop_back(), std::optional<int>(1));
  EXPECT_EQ(list.pop_back(), std::nullopt);
}

}  // namespace
