// cow_vec.hpp — CowVec<T>, an implicitly shared vector (Qt's QVector, the old
// libstdc++ std::string, Rust's Rc<Vec<T>> with Rc::make_mut).
//
// Copies share one heap node {reference count, elements}: a copy is a pointer
// copy and an increment, with no allocation and no element copy. The first
// write on a shared CowVec *detaches* it: it copies the elements into a node of
// its own, leaving the others untouched. A write on an unshared CowVec changes
// the node in place. Reads never detach: only the functions documented as writes
// may copy.
//
// Invalidation rules. A reference, pointer or iterator obtained from a CowVec
// is valid until the next write to that CowVec (a write may detach, moving it to
// a new node) or its destruction. A reference obtained for writing (make_mut())
// must not be used after the CowVec is copied: the copy shares the node, so a
// write through the old reference would show through the copy — the classic
// pitfall of implicit sharing. Call make_mut() again after copying.
//
// The count is a plain integer: CowVec is single-threaded, like Rust's Rc. Two
// threads must not copy, write or destroy CowVecs sharing one node at once.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

#include <mw/todo.hpp>

namespace mw {

template <class T>
class CowVec {
  static_assert(std::is_copy_constructible_v<T>,
                "CowVec<T> copies its elements when a shared vector is written: T must be copy "
                "constructible");

 public:
  /// Effects: an empty CowVec. Allocates nothing: it has no node.
  CowVec() noexcept = default;

  /// Effects: a CowVec, the only owner of a new node holding `items` (moved in).
  /// Throws: std::bad_alloc; `items` is then destroyed.
  explicit CowVec(std::vector<T> items) : node_(new Node{1, std::move(items)}) {}

  /// Effects: a CowVec, the only owner of a new node holding copies of `items`.
  /// Throws: std::bad_alloc or what copying a T throws; nothing is leaked.
  CowVec(std::initializer_list<T> items) : CowVec(std::vector<T>(items)) {}

  /// Effects: shares `other`'s node (O(1): no allocation, no element copy).
  CowVec(const CowVec& other) noexcept : node_(other.node_) {
    if (node_ != nullptr) ++node_->refs;
  }

  /// Effects: takes `other`'s node; `other` is left empty. No allocation.
  CowVec(CowVec&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}

  /// Effects: releases the current node (destroying it when this was its last owner) and
  /// shares `other`'s. Assigning a CowVec to itself changes nothing.
  CowVec& operator=(const CowVec& other) noexcept {
    // Take the new reference before dropping the old one: when both are the same node,
    // releasing first could destroy the node we are about to share.
    if (other.node_ != nullptr) ++other.node_->refs;
    release();
    node_ = other.node_;
    return *this;
  }

  /// Effects: releases the current node and takes `other`'s; `other` is left empty.
  CowVec& operator=(CowVec&& other) noexcept {
    if (this != &other) {
      release();
      node_ = std::exchange(other.node_, nullptr);
    }
    return *this;
  }

  /// Effects: releases the node; the last owner destroys the elements and frees it.
  ~CowVec() { release(); }

  /// Returns: the number of elements.
  std::size_t size() const noexcept { return node_ == nullptr ? 0 : node_->items.size(); }
  /// Returns: size() == 0.
  bool empty() const noexcept { return size() == 0; }

  /// Returns: the element at `index`. Never detaches.
  /// Requires: index < size().
  const T& operator[](std::size_t index) const noexcept { return node_->items[index]; }

  /// Returns: a pointer to the first element (nullptr when there is no node). Two CowVecs
  /// share their elements exactly when their data() are equal and non-null.
  const T* data() const noexcept { return node_ == nullptr ? nullptr : node_->items.data(); }
  /// Returns: iterators over the elements, for reading. Never detach.
  const T* begin() const noexcept { return data(); }
  const T* end() const noexcept { return data() + size(); }

  /// Returns: how many CowVecs share this one's node; 0 when it has none.
  std::size_t use_count() const noexcept { return node_ == nullptr ? 0 : node_->refs; }
  /// Returns: true when another CowVec shares this one's node.
  bool is_shared() const noexcept { return use_count() > 1; }

  /// Effects: detaches when shared (Rust's Rc::make_mut), makes a node when there is none.
  /// Returns: the elements, owned by this CowVec alone, for writing. See the invalidation
  /// rules above: do not keep the reference across a copy of this CowVec.
  /// Throws: std::bad_alloc or what copying a T throws; every CowVec is then unchanged.
  std::vector<T>& make_mut() {
    if (node_ == nullptr) {
      node_ = new Node{1, {}};
    } else if (node_->refs > 1) {
      // Copy first; only a finished copy may replace the shared node. If a T's copy
      // throws, the vector destroys the copies made so far and `new` frees the Node.
      Node* const own = new Node{1, node_->items};
      --node_->refs;  // never reaches 0 here: someone else still shares it
      node_ = own;
    }
    return node_->items;
  }

  /// Effects: make_mut()[index] = value.
  /// Throws: what make_mut() or assigning a T throws.
  /// Requires: index < size().
  void set(std::size_t index, const T& value) { make_mut()[index] = value; }

  /// Effects: make_mut().push_back(value).
  /// Throws: what make_mut() or std::vector::push_back throws.
  void push_back(const T& value) { make_mut().push_back(value); }

 private:
  struct Node {
    std::size_t refs;  // how many CowVecs point here; the node lives while it is > 0
    std::vector<T> items;
  };

  /// Effects: drops this CowVec's reference; the last one deletes the node. Leaves node_
  /// dangling: the caller overwrites it.
  void release() noexcept {
    if (node_ != nullptr && --node_->refs == 0) delete node_;
  }

  Node* node_ = nullptr;
};

}  // namespace mw
