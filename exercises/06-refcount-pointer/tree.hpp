// tree.hpp — TreeNode<T>: a tree whose children are owned and whose parent is not.
//
// Each node is shared through an Rc. A parent owns its children (strong Rc
// links down), a child only refers to its parent (a Weak link up). Were the
// link up strong, every parent and child would keep each other alive and no
// tree would ever be freed. The links sit in RefCells because nodes are
// reached through Rc, which gives only const access.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include <mw/todo.hpp>

#include "rc.hpp"
#include "ref_cell.hpp"

namespace mw {

template <class T>
class TreeNode {
 public:
  /// Effects: a node with no parent and no children. Use `make_rc<TreeNode<T>>(value)`.
  explicit TreeNode(T value) : value_(std::move(value)) {}

  /// Returns: the value stored in this node.
  const T& value() const noexcept { return value_; }

  /// Returns: this node's parent while it is alive; an empty Rc for a root, or once the
  /// parent has been destroyed.
  Rc<TreeNode> parent() const { MW_TODO(); }

  /// Returns: the number of children.
  std::size_t child_count() const { MW_TODO(); }

  /// Requires: i < child_count(). Returns: another handle to the i-th child, in the order
  /// they were added.
  Rc<TreeNode> child(std::size_t i) const { MW_TODO(); }

  /// Requires: `parent` is not empty; `child` is not empty and has no parent yet.
  /// Effects: `parent` owns `child` (last in its children); `child`'s parent link points
  /// back to `parent` without owning it.
  /// Throws: std::bad_alloc when the children vector cannot grow; nothing changes then.
  static void add_child(const Rc<TreeNode>& parent, Rc<TreeNode> child) { MW_TODO(); }

 private:
  T value_;
  // TODO: use these. Through an Rc you only get a const TreeNode: the RefCells are how
  // add_child changes a node anyway.
  RefCell<Weak<TreeNode>> parent_{Weak<TreeNode>()};
  RefCell<std::vector<Rc<TreeNode>>> children_{std::vector<Rc<TreeNode>>()};
};

}  // namespace mw
