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
//
// Given: the Node layout, the default and initializer-list constructors, set() and
// push_back() (both built on make_mut()). Yours: every function marked MW_TODO() and
// the destructor. They are not noexcept yet because MW_TODO() throws (a throw out of a
// noexcept function ends the whole test program); add noexcept where the comment says
// "noexcept" once you have written them.
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
  explicit CowVec(std::vector<T> items) {
    // TODO: a new Node with one owner and `items` moved in.
    MW_TODO();
  }

  /// Effects: a CowVec, the only owner of a new node holding copies of `items`.
  /// Throws: std::bad_alloc or what copying a T throws; nothing is leaked.
  CowVec(std::initializer_list<T> items) : CowVec(std::vector<T>(items)) {}

  /// Effects: shares `other`'s node (O(1): no allocation, no element copy). noexcept.
  CowVec(const CowVec& other) {
    // TODO: point at other's node and count one more owner (when there is a node).
    MW_TODO();
  }

  /// Effects: takes `other`'s node; `other` is left empty. No allocation. noexcept.
  CowVec(CowVec&& other) {
    // TODO: steal the node (std::exchange); the count does not change.
    MW_TODO();
  }

  /// Effects: releases the current node (destroying it when this was its last owner) and
  /// shares `other`'s. Assigning a CowVec to itself changes nothing. noexcept.
  CowVec& operator=(const CowVec& other) {
    // TODO: think of `v = v` when v is the only owner before choosing the order of the
    // steps: count the new owner, release the old node, point at the new one.
    MW_TODO();
  }

  /// Effects: releases the current node and takes `other`'s; `other` is left empty.
  /// noexcept.
  CowVec& operator=(CowVec&& other) {
    // TODO: unless this is &other: release, then steal other's node.
    MW_TODO();
  }

  /// Effects: releases the node; the last owner destroys the elements and frees it.
  ~CowVec() {
    // TODO: release(). (A destructor is noexcept: calling the unfinished release() here
    // would end the test program, so the stub leaves the body empty.)
  }

  /// Returns: the number of elements (0 without a node). noexcept.
  std::size_t size() const { MW_TODO(); }
  /// Returns: size() == 0.
  bool empty() const { return size() == 0; }

  /// Returns: the element at `index`. Never detaches. noexcept.
  /// Requires: index < size().
  const T& operator[](std::size_t index) const { MW_TODO(); }

  /// Returns: a pointer to the first element (nullptr when there is no node). Two CowVecs
  /// share their elements exactly when their data() are equal and non-null. noexcept.
  const T* data() const { MW_TODO(); }
  /// Returns: iterators over the elements, for reading. Never detach.
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }

  /// Returns: how many CowVecs share this one's node; 0 when it has none. noexcept.
  std::size_t use_count() const { MW_TODO(); }
  /// Returns: true when another CowVec shares this one's node.
  bool is_shared() const { return use_count() > 1; }

  /// Effects: detaches when shared (Rust's Rc::make_mut), makes a node when there is none.
  /// Returns: the elements, owned by this CowVec alone, for writing. See the invalidation
  /// rules above: do not keep the reference across a copy of this CowVec.
  /// Throws: std::bad_alloc or what copying a T throws; every CowVec is then unchanged.
  std::vector<T>& make_mut() {
    // TODO: no node: make an empty one. Shared: build the new Node (a copy of the items)
    // completely first; only then give up the old node's reference and switch to the new
    // one. If a copy throws, nothing may have changed. Unshared: nothing to do.
    MW_TODO();
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
  /// dangling: the caller overwrites it. noexcept.
  void release() {
    // TODO: when there is a node, count one owner less; the last one deletes the node.
    MW_TODO();
  }

  Node* node_ = nullptr;
};

}  // namespace mw
