// intrusive_arc.hpp — IntrusiveArc<T>: the count lives in the object (boost::intrusive_ptr).
//
// A type opts in by deriving from RefCounted<T> (the curiously recurring template
// pattern), which adds one atomic count to every object. IntrusiveArc<T> is then a plain
// T*: the object is allocated by an ordinary `new T`, there is no separate block, no weak
// count and no WeakArc. What that buys and costs, against Arc and std::shared_ptr:
//
//   + one word less per object than Arc (no weak count), and no control block at all;
//   + a raw T* (e.g. `this`) can be turned back into an owning handle that shares the
//     count, which std::shared_ptr can only do through enable_shared_from_this;
//   - no weak references: nothing can observe the object without keeping it alive;
//   - the type must be written for it: std::string or a library type cannot be counted.
//
// The memory orders are those of Arc: relaxed increment, release decrement, acquire
// before `delete` (arc.hpp's detail::increment and detail::decrement).
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <utility>

#include "arc.hpp"

namespace mw {

template <class T>
class IntrusiveArc;

/// Base class of an intrusively counted T: `struct Node : mw::RefCounted<Node> { ... };`
/// It holds the number of IntrusiveArc handles to the object. Copying an object makes a
/// new object that no handle owns yet, so the count is never copied.
template <class T>
class RefCounted {
 public:
  /// Returns: the number of IntrusiveArc handles to this object (a snapshot).
  std::size_t use_count() const noexcept { return count_.load(std::memory_order_acquire); }

 protected:
  /// Effects: a count of 0: no handle owns the object until one adopts it.
  RefCounted() noexcept = default;
  /// Effects: a count of 0, whatever `other`'s count is: the copy is a new object.
  RefCounted(const RefCounted&) noexcept {}
  /// Effects: none; the handles to *this still point to *this, so its count stays.
  RefCounted& operator=(const RefCounted&) noexcept { return *this; }
  ~RefCounted() = default;

 private:
  friend class IntrusiveArc<T>;

  std::atomic<std::size_t> count_{0};
};

/// A counted, thread-safe handle to an object that carries its own count. One pointer wide.
/// Requires: T derives from RefCounted<T>, was created by `new` (make_intrusive) and may
/// be destroyed by `delete` of a T*.
template <class T>
class IntrusiveArc {
 public:
  /// Effects: an empty handle.
  IntrusiveArc() noexcept = default;

  /// Effects: a handle to `object`, count + 1: adopts a new object (count 0 -> 1) or shares
  /// one that other handles already own (e.g. from `this`). A null `object` gives an empty
  /// handle. Requires: `object` is null or was created by `new` and is still alive.
  /// Aborts when the count would pass kMaxRefcount.
  explicit IntrusiveArc(T* object) noexcept : object_(object) {
    if (object_) detail::increment(object_->count_);
  }

  /// Effects: another handle to the same object; count + 1.
  IntrusiveArc(const IntrusiveArc& other) noexcept : IntrusiveArc(other.object_) {}
  /// Effects: takes over `other`'s handle; no count changes; `other` becomes empty.
  IntrusiveArc(IntrusiveArc&& other) noexcept : object_(std::exchange(other.object_, nullptr)) {}

  /// Effects: this handle now shares `other`'s object; the old one is dropped.
  IntrusiveArc& operator=(const IntrusiveArc& other) noexcept {
    IntrusiveArc(other).swap(*this);
    return *this;
  }
  /// Effects: this handle takes over `other`'s; the old one is dropped; `other` is empty.
  IntrusiveArc& operator=(IntrusiveArc&& other) noexcept {
    IntrusiveArc(std::move(other)).swap(*this);
    return *this;
  }

  /// Effects: drops this handle (see reset).
  ~IntrusiveArc() { reset(); }

  /// Effects: drops this handle and leaves it empty; the last handle deletes the object.
  void reset() noexcept {
    T* object = std::exchange(object_, nullptr);
    if (object && detail::decrement(object->count_)) delete object;
  }

  /// Effects: exchanges the two handles; no count changes.
  void swap(IntrusiveArc& other) noexcept { std::swap(object_, other.object_); }

  /// Returns: true unless this handle is empty.
  explicit operator bool() const noexcept { return object_ != nullptr; }
  /// Requires: *this is not empty. Returns: the shared object.
  const T& operator*() const noexcept { return *object_; }
  /// Requires: *this is not empty. Returns: the address of the shared object.
  const T* operator->() const noexcept { return object_; }
  /// Returns: the address of the object, or nullptr when empty.
  const T* get() const noexcept { return object_; }

  /// Returns: the number of handles to the object, 0 when empty (a snapshot).
  std::size_t use_count() const noexcept { return object_ ? object_->use_count() : 0; }

 private:
  static_assert(std::derived_from<T, RefCounted<T>>,
                "IntrusiveArc<T> needs T to derive from mw::RefCounted<T>: the count lives there");

  T* object_ = nullptr;
};

/// Effects: creates a T from `args` with `new` and adopts it.
/// Returns: the only handle to it. Throws: what `new` or T's constructor throws.
template <class T, class... Args>
IntrusiveArc<T> make_intrusive(Args&&... args) {
  return IntrusiveArc<T>(new T(std::forward<Args>(args)...));
}

}  // namespace mw
