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
    while (pop_front()) {
    }
  }

  /// Returns: the number of values in the list.
  std::size_t size() const noexcept { return size_; }
  /// Returns: true when the list holds no value.
  bool empty() const noexcept { return size_ == 0; }

  /// Effects: inserts `value` before the first value. Throws: std::bad_alloc; nothing
  /// changes then.
  void push_front(T value) {
    Rc<RefCell<Node>> node = make_rc<RefCell<Node>>(Node{std::move(value)});
    if (head_) {
      head_->borrow_mut()->prev = node.downgrade();
      node->borrow_mut()->next = std::move(head_);
    } else {
      tail_ = node.downgrade();
    }
    head_ = std::move(node);
    ++size_;
  }

  /// Effects: inserts `value` after the last value. Throws: std::bad_alloc; nothing
  /// changes then.
  void push_back(T value) {
    Rc<RefCell<Node>> node = make_rc<RefCell<Node>>(Node{std::move(value)});
    if (Rc<RefCell<Node>> last = tail_.upgrade()) {
      node->borrow_mut()->prev = last.downgrade();
      tail_ = node.downgrade();
      last->borrow_mut()->next = std::move(node);
    } else {
      tail_ = node.downgrade();
      head_ = std::move(node);
    }
    ++size_;
  }

  /// Effects: removes the first value. Returns: it, or nullopt when the list is empty.
  std::optional<T> pop_front() {
    if (!head_) return std::nullopt;
    Rc<RefCell<Node>> old = std::move(head_);
    head_ = std::move(old->borrow_mut()->next);
    if (head_) {
      head_->borrow_mut()->prev.reset();
    } else {
      tail_.reset();
    }
    return take_value(std::move(old));
  }

  /// Effects: removes the last value. Returns: it, or nullopt when the list is empty.
  std::optional<T> pop_back() {
    Rc<RefCell<Node>> old = tail_.upgrade();
    if (!old) return std::nullopt;
    tail_ = old->borrow()->prev;
    if (Rc<RefCell<Node>> before = tail_.upgrade()) {
      // `before.next` was the owner of `old`; `old` stays alive through our handle.
      before->borrow_mut()->next.reset();
    } else {
      head_.reset();
    }
    return take_value(std::move(old));
  }

 private:
  struct Node {
    T value;
    Rc<RefCell<Node>> next{};    ///< Owns the next node.
    Weak<RefCell<Node>> prev{};  ///< Refers to the previous node, which owns this one.
  };

  /// Requires: `node` is unlinked: no other Rc and no Weak points to it.
  /// Returns: its value, moved out; the node is freed on return.
  T take_value(Rc<RefCell<Node>> node) {
    --size_;
    return std::move(node.get_mut()->borrow_mut()->value);
  }

  Rc<RefCell<Node>> head_;
  Weak<RefCell<Node>> tail_;
  std::size_t size_ = 0;
};

}  // namespace mw
