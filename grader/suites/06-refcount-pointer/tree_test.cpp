// Hidden tests for mw::TreeNode: children owned (Rc), parent referred to (Weak).
#include <gtest/gtest.h>

#include <mwtest/instrumented.hpp>

#include "fixture.hpp"
#include "rc.hpp"
#include "tree.hpp"

namespace {

using mwtest::Instrumented;
using Node = mw::TreeNode<Instrumented>;
using NodeRc = mw::Rc<Node>;

NodeRc leaf(int value) {
  return mw::make_rc<Node>(Instrumented(value));
}

using Tree = RcFixture;

// add_child links both ways: children in order, each child's parent() is the parent, a root has
// none; and children do not own their parent (strong count 1, one weak per child).
TEST_F(Tree, ChildrenAndParentLinks) {
  NodeRc root = leaf(0);
  Node::add_child(root, leaf(1));
  Node::add_child(root, leaf(2));
  ASSERT_EQ(root->child_count(), 2u);
  EXPECT_EQ(root->child(0)->value().value(), 1);
  EXPECT_EQ(root->child(1)->value().value(), 2);
  EXPECT_TRUE(NodeRc::ptr_eq(root->child(1)->parent(), root));
  EXPECT_FALSE(root->parent());
  EXPECT_EQ(root.strong_count(), 1u);
  EXPECT_EQ(root.weak_count(), 2u);
  EXPECT_EQ(root->child(0).strong_count(), 2u);  // the parent's link and this temporary
}

// Dropping the root frees every node and value of a three-level tree; kills a strong parent link
// (every parent-child pair is a cycle that leaks).
TEST_F(Tree, DroppingTheRootFreesEveryNode) {
  {
    NodeRc root = leaf(0);
    for (int i = 1; i <= 3; ++i) {
      NodeRc child = leaf(i);
      for (int j = 0; j < 3; ++j) Node::add_child(child, leaf(10 * i + j));
      Node::add_child(root, child);
    }
    EXPECT_EQ(alive(), 13);
    EXPECT_EQ(counting.live_blocks(), 13u);
  }
  EXPECT_EQ(alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// A child kept alive past its parent sees no parent any more (the Rust Book's example); kills a
// parent link that keeps the parent alive.
TEST_F(Tree, ChildOutlivingItsParentHasNoParent) {
  NodeRc child = leaf(1);
  {
    NodeRc root = leaf(0);
    Node::add_child(root, child);
    EXPECT_TRUE(NodeRc::ptr_eq(child->parent(), root));
    EXPECT_EQ(child.strong_count(), 2u);
  }
  EXPECT_FALSE(child->parent());
  EXPECT_EQ(child.strong_count(), 1u);
  EXPECT_EQ(alive(), 1);
  EXPECT_EQ(counting.live_blocks(), 2u);  // the root's value is gone; its block waits for the link
}

}  // namespace
