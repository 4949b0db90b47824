// dlist.hpp — DList<T>: a doubly linked list built from Rc, Weak and RefCell.
//
// Ownership runs one way only: the list owns the first node and each node
// owns the next one (strong links); the links back (`prev`, and the list's
// `tail_`) are Weak. Every node therefore has exactly one owner, and no
// strong cycle exists to leak.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

#include <mw/todo.hpp>

#include "rc.hpp"
#include "ref_cell.hpp"

namespace mw {

template <class T>
class DList {
 public:
  DList() = default;
  // A copy would share its nodes with the original; a move would have to fix size_.
  DList(const DList&) = delete;
  DList& operator=(const DList&) = delete;

  /// Effects: destroys every value, front to back, without recursion: a default
  /// destructor would drop node 1, which drops node 2, ... one stack frame per node.
  ~DList() {
    // TODO: free the nodes one at a time (a long list must not overflow the stack).
  }

  /// Returns: the number of values in the list.
  std::size_t size() const noexcept { return size_; }
  /// Returns: true when the list holds no value.
  bool empty() const noexcept { return size_ == 0; }

  /// Effects: inserts `value` before the first value. Throws: std::bad_alloc; nothing
  /// changes then.
  void push_front(T value) { MW_TODO(); }

  /// Effects: inserts `value` after the last value. Throws: std::bad_alloc; nothing
  /// changes then.
  void push_back(T value) { MW_TODO(); }

  /// Effects: removes the first value. Returns: it, or nullopt when the list is empty.
  std::optional<T> pop_front() { MW_TODO(); }

  /// Effects: removes the last value. Returns: it, or nullopt when the list is empty.
  std::optional<T> pop_back() { MW_TODO(); }

 private:
  struct Node {
    T value;
    Rc<RefCell<Node>> next{};    ///< Owns the next node.
    Weak<RefCell<Node>> prev{};  ///< Refers to the previous node, which owns this one.
  };

  // TODO: keep these right in every function: head_ owns the first node (empty when the
  // list is), tail_ refers to the last one, size_ counts the values.
  Rc<RefCell<Node>> head_;
  Weak<RefCell<Node>> tail_;
  std::size_t size_ = 0;
};

}  // namespace mw
