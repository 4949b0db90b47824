// rc.hpp — Rc<T> and Weak<T>: Rust's single-threaded reference counting in C++.
//
// One allocation, an RcBox, holds both counts and the value, like Rust's
// RcInner { strong, weak, value }. An Rc or a Weak is one pointer to it.
//
//   strong  the number of Rc handles. The value is alive while strong > 0.
//   weak    the number of Weak handles, plus one held collectively by all the
//           Rc handles while strong > 0. The block is freed when it reaches 0.
//
// Because the strong handles hold one weak reference between them, dropping
// the last Rc destroys the value and then drops that shared weak reference:
// the block outlives the value exactly as long as some Weak still points at it.
//
// Single-threaded: the counts are plain integers (Arc, exercise 07, is the
// thread-safe one).
#pragma once

#include <cstddef>
#include <memory>
#include <memory_resource>
#include <new>
#include <utility>

#include <mw/todo.hpp>

// Stub note: the functions you write are not marked noexcept here, because
// MW_TODO() throws and a throw out of a noexcept function ends the whole test
// binary. Add noexcept as you write them (the solution has it on all of them
// except allocate_rc and make_mut, which allocate). For the same reason the
// destructors are empty: write them too.

namespace mw {

template <class T>
class Rc;
template <class T>
class Weak;
template <class T, class... Args>
Rc<T> allocate_rc(std::pmr::memory_resource* resource, Args&&... args);

/// The one allocation behind every Rc and Weak of a value (Rust's RcInner).
/// `storage` holds the value only while `strong > 0`: it is constructed in place by
/// allocate_rc and destroyed in place by the last Rc, before the block is freed.
template <class T>
struct RcBox {
  std::size_t strong;
  std::size_t weak;                     ///< Weak handles + 1 while strong > 0.
  std::pmr::memory_resource* resource;  ///< Where the block came from; it goes back there.
  alignas(T) std::byte storage[sizeof(T)];

  T* value() noexcept { return std::launder(reinterpret_cast<T*>(storage)); }
};

/// A shared, counted handle to one immutable value (Rust's `Rc<T>`). Copying a handle
/// is `Rc::clone`; moving one changes no count and leaves the source empty. Access is
/// shared, so `*rc` is const: mutate through get_mut / make_mut, or put a RefCell inside.
template <class T>
class Rc {
 public:
  /// Effects: an empty handle (what a moved-from Rc becomes). Allocates nothing.
  Rc() noexcept = default;

  /// Effects: another handle to the same value; strong count + 1 (Rust: `Rc::clone`).
  Rc(const Rc& other) { MW_TODO(); }
  /// Effects: takes over `other`'s handle; no count changes; `other` becomes empty.
  Rc(Rc&& other) { MW_TODO(); }

  /// Effects: this handle now shares `other`'s value; the old one is dropped.
  /// Must be safe for `a = a`, and for `head = head->next` where the old target owns
  /// the only other handle to the new one.
  Rc& operator=(const Rc& other) { MW_TODO(); }
  /// Effects: this handle takes over `other`'s; the old one is dropped; `other` is empty.
  Rc& operator=(Rc&& other) { MW_TODO(); }

  /// Effects: drops this handle (see reset).
  ~Rc() {
    // TODO: drop this handle, as reset() does.
  }

  /// Effects: drops this handle and leaves it empty (Rust: `drop(rc)`). When it was the
  /// last Rc, the value is destroyed; when no Weak remains either, the block is freed.
  void reset() { MW_TODO(); }

  /// Effects: exchanges the two handles; no count changes.
  void swap(Rc& other) noexcept { std::swap(box_, other.box_); }

  /// Returns: true unless this handle is empty.
  explicit operator bool() const noexcept { return box_ != nullptr; }

  /// Requires: *this is not empty. Returns: the shared value (Rust: `Deref`).
  const T& operator*() const noexcept { return *box_->value(); }
  /// Requires: *this is not empty. Returns: the address of the shared value.
  const T* operator->() const noexcept { return box_->value(); }
  /// Returns: the address of the value, or nullptr when empty.
  const T* get() const noexcept { return box_ ? box_->value() : nullptr; }

  /// Returns: the number of Rc handles to this value; 0 when empty (Rust: `Rc::strong_count`).
  std::size_t strong_count() const { MW_TODO(); }
  /// Returns: the number of Weak handles to this value, not counting the one the Rc
  /// handles hold collectively; 0 when empty (Rust: `Rc::weak_count`).
  std::size_t weak_count() const { MW_TODO(); }

  /// Returns: a Weak handle to the same block, weak count + 1; an empty Weak when
  /// *this is empty (Rust: `Rc::downgrade`).
  Weak<T> downgrade() const { MW_TODO(); }

  /// Returns: the value for writing when this is the only handle of any kind (strong 1,
  /// no Weak, which could otherwise upgrade and watch it change); nullptr otherwise
  /// (Rust: `Rc::get_mut`).
  T* get_mut() { MW_TODO(); }

  /// Requires: *this is not empty; T is copy-constructible.
  /// Effects: clone-on-write (Rust: `Rc::make_mut`). When other Rc handles exist, copies
  /// the value into a new block from the same resource and points *this at it. When only
  /// Weak handles share it, moves the value into a new block and drops the old one, so
  /// those Weak handles see it as dead. Otherwise changes nothing.
  /// Returns: the value *this now owns alone. Throws: what allocating or copying throws;
  /// *this is then unchanged.
  T& make_mut() { MW_TODO(); }

  /// Returns: true when both handles point to the same block, or both are empty
  /// (Rust: `Rc::ptr_eq`). Compares addresses, never values.
  static bool ptr_eq(const Rc& a, const Rc& b) { MW_TODO(); }

 private:
  template <class U, class... Args>
  friend Rc<U> allocate_rc(std::pmr::memory_resource* resource, Args&&... args);
  friend class Weak<T>;

  /// Adopts one strong reference that the caller already counted.
  explicit Rc(RcBox<T>* box) noexcept : box_(box) {}

  /// Effects: drops one weak reference; frees the block when it was the last.
  /// (Rc::reset and Weak::reset both need this.)
  static void release_weak(RcBox<T>* box) { MW_TODO(); }

  RcBox<T>* box_ = nullptr;
};

/// A non-owning handle (Rust's `Weak<T>`): keeps the block, not the value, alive.
template <class T>
class Weak {
 public:
  /// Effects: an empty handle that upgrades to nothing. Allocates nothing (Rust: `Weak::new`).
  Weak() noexcept = default;

  /// Effects: another handle to the same block; weak count + 1.
  Weak(const Weak& other) { MW_TODO(); }
  /// Effects: takes over `other`'s handle; no count changes; `other` becomes empty.
  Weak(Weak&& other) { MW_TODO(); }

  /// Effects: this handle now points where `other` does; the old one is dropped.
  Weak& operator=(const Weak& other) { MW_TODO(); }
  /// Effects: this handle takes over `other`'s; the old one is dropped; `other` is empty.
  Weak& operator=(Weak&& other) { MW_TODO(); }

  /// Effects: drops this handle (see reset).
  ~Weak() {
    // TODO: drop this handle, as reset() does.
  }

  /// Effects: drops this handle and leaves it empty; frees the block when this was the
  /// last reference of any kind.
  void reset() { MW_TODO(); }

  /// Effects: exchanges the two handles; no count changes.
  void swap(Weak& other) noexcept { std::swap(box_, other.box_); }

  /// Returns: a new Rc to the value, strong count + 1, while the value is alive; an empty
  /// Rc when it is gone or *this is empty (Rust: `Weak::upgrade`). Never brings a
  /// destroyed value back.
  Rc<T> upgrade() const { MW_TODO(); }

  /// Returns: the number of Rc handles to the value: 0 once it is gone or when empty.
  std::size_t strong_count() const { MW_TODO(); }

 private:
  friend class Rc<T>;

  /// Adopts one weak reference that the caller already counted.
  explicit Weak(RcBox<T>* box) noexcept : box_(box) {}

  RcBox<T>* box_ = nullptr;
};

/// Effects: makes one allocation of sizeof(RcBox<T>) bytes aligned to alignof(RcBox<T>)
/// from `resource`, constructs T from `args` inside it, with strong = 1 and weak = 1
/// (the strong handles' collective weak reference). The block returns to `resource`.
/// Requires: `resource` outlives every Rc and Weak of the value.
/// Returns: the only Rc to the new value.
/// Throws: what `resource` or T's constructor throws; nothing leaks then.
template <class T, class... Args>
Rc<T> allocate_rc(std::pmr::memory_resource* resource, Args&&... args) {
  // TODO: allocate the RcBox, set its counts and resource, construct the value in
  // `storage` (std::construct_at), and give the block back if that throws.
  MW_TODO();
}

/// Effects, returns, throws: allocate_rc from std::pmr::get_default_resource()
/// (Rust: `Rc::new`).
template <class T, class... Args>
Rc<T> make_rc(Args&&... args) {
  return allocate_rc<T>(std::pmr::get_default_resource(), std::forward<Args>(args)...);
}

}  // namespace mw
