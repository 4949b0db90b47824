// pin.hpp — Rust's std::pin in C++: Unmovable (PhantomPinned), Pin<T> (Pin<&mut T>)
// and PinnedBox<T> (Pin<Box<T>>).
//
// A value is *pinned* when it will stay at its address until it is destroyed. A
// self-referential value (a pointer into itself) is only correct while pinned: a
// move or a copy would carry the pointer along, still aimed at the old object.
//
//   Unmovable     a member that deletes copy and move, so its owner cannot move;
//                 Rust's PhantomPinned, which makes its owner !Unpin.
//   Unpin<T>      T can be moved (so pinning promises nothing about it).
//   Pin<T>        a reference to a T that is pinned. APIs that need a stable
//                 address (poll) take a Pin<T>, and a T& does not convert to one.
//   PinnedBox<T>  owns one T on the heap, built in place; moving the box moves
//                 the pointer, never the T.
#pragma once

#include <functional>
#include <type_traits>
#include <utility>

namespace mw {

/// The PhantomPinned analogue: a member of this type makes its owner neither copyable
/// nor movable (the owner's implicit copy and move operations are deleted). Declare it
/// `[[no_unique_address]]` and it costs no space.
struct Unmovable {
  Unmovable() = default;
  Unmovable(const Unmovable&) = delete;
  Unmovable& operator=(const Unmovable&) = delete;
  // Declaring the copy operations suppresses the implicit moves; spelled out to be explicit.
  Unmovable(Unmovable&&) = delete;
  Unmovable& operator=(Unmovable&&) = delete;
  ~Unmovable() = default;
};

/// Rust's `Unpin`: the value of a T can be moved somewhere else (by construction or by
/// assignment), so a pinned T promises nothing. A type holding an Unmovable is not Unpin.
template <class T>
concept Unpin = std::is_move_constructible_v<T> || std::is_move_assignable_v<T>;

template <class T>
class Pin;

/// Tag selecting PinnedBox's constructor that takes a factory (see pin_from).
struct from_factory_t {
  explicit from_factory_t() = default;
};
inline constexpr from_factory_t from_factory{};

/// What projecting a Pin<T> to a field of type F gives: the field itself (`F&`) when F is
/// Unpin, since pinning an Unpin value guarantees nothing; a `Pin<F>` when F is not, so the
/// pin carries through to the field (Rust's structural pinning, `#[pin]` in pin-project).
template <class F>
using Projected = std::conditional_t<Unpin<F>, F&, Pin<F>>;

/// A reference to a pinned T (Rust's `Pin<&mut T>`): the T stays at this address until it
/// is destroyed. Copying a Pin copies the reference, never the T.
///
/// Ways to get one: PinnedBox::as_pin (the T is on the heap and never moves),
/// Pin::from_unpin (only for Unpin T, where the promise is empty), Pin::new_unchecked
/// (the caller promises).
template <class T>
class Pin {
 public:
  /// Returns: a Pin to `value` (Rust: `Pin::new`).
  /// Requires: T is Unpin; a non-movable T must come from PinnedBox or new_unchecked.
  static Pin from_unpin(T& value) noexcept requires Unpin<T> { return Pin(&value); }

  /// Returns: a Pin to `value` (Rust: `unsafe { Pin::new_unchecked(&mut value) }`).
  /// Requires: `value` stays at its address until its destructor runs: it is never moved
  /// from, assigned over or swapped, and its storage is not reused before. A non-movable
  /// local variable meets this by construction (this is the C++ form of `std::pin::pin!`).
  static Pin new_unchecked(T& value) noexcept { return Pin(&value); }

  /// Returns: shared access to the pinned value (Rust: `Deref`).
  const T& get() const noexcept { return *ptr_; }
  const T& operator*() const noexcept { return *ptr_; }
  const T* operator->() const noexcept { return ptr_; }

  /// Returns: mutable access (Rust: `Pin::get_mut`). Requires: T is Unpin, because a T& to
  /// a movable T lets the caller move the value out of its pinned place.
  T& get_mut() const noexcept requires Unpin<T> { return *ptr_; }

  /// Returns: mutable access to a pinned value (Rust: `Pin::get_unchecked_mut`), for the
  /// type's own pinned operations (poll). Requires: the caller does not move the value out.
  T& get_unchecked_mut() const noexcept { return *ptr_; }

  /// Returns: the field `field` of the pinned value: `Pin<F>` when F is not Unpin (the field
  /// is pinned with its owner), `F&` when it is (pin projection, Rust's pin-project).
  /// Requires: C is T or a base of T. (C is deduced, not written `F T::*`, so that a Pin<int>,
  /// whose T has no members, still compiles.)
  template <class F, class C>
  Projected<F> project(F C::*field) const noexcept {
    F& target = ptr_->*field;
    if constexpr (Unpin<F>) {
      return target;
    } else {
      // Sound: the field lives inside *ptr_, which stays put, so the field stays put.
      return Pin<F>::new_unchecked(target);
    }
  }

 private:
  explicit Pin(T* ptr) noexcept : ptr_(ptr) {}

  T* ptr_;  // never null
};

/// One T on the heap that never moves (Rust's `Pin<Box<T>>`): built in place, destroyed in
/// place. The box is movable — a move hands over the pointer — and not copyable. A
/// moved-from box is empty; every accessor but `operator bool` requires a non-empty box.
template <class T>
class PinnedBox {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>,
                "PinnedBox<T> holds one object: T must be a non-array object type");

 public:
  /// Effects: builds a T on the heap from `args` in place: no T is ever moved or copied.
  /// Throws: std::bad_alloc, or what T's constructor throws (the memory is then freed).
  template <class... Args>
  explicit PinnedBox(std::in_place_t, Args&&... args) : ptr_(new T(std::forward<Args>(args)...)) {}

  /// Effects: builds a T on the heap from the prvalue `factory()` returns: guaranteed copy
  /// elision makes that prvalue initialize the heap object itself, so no T is moved.
  /// Throws: std::bad_alloc, or what `factory` throws (the memory is then freed).
  template <class F>
  PinnedBox(from_factory_t, F&& factory) : ptr_(new T(std::invoke(std::forward<F>(factory)))) {}

  /// Effects: takes over `other`'s T; the T stays where it is; `other` becomes empty.
  PinnedBox(PinnedBox&& other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}

  /// Effects: takes over `other`'s T (`other` becomes empty), then destroys this box's old
  /// T, as std::unique_ptr does: the old T's destructor sees this box holding the new T.
  /// Safe for self-move.
  PinnedBox& operator=(PinnedBox&& other) noexcept {
    PinnedBox(std::move(other)).swap(*this);
    return *this;
  }

  PinnedBox(const PinnedBox&) = delete;  // one owner: a copy would be a second T
  PinnedBox& operator=(const PinnedBox&) = delete;

  /// Effects: destroys the T in place and frees its memory (nothing when empty).
  ~PinnedBox() { delete ptr_; }

  /// Returns: the T's address, fixed for the T's whole life.
  const T* get() const noexcept { return ptr_; }
  const T& operator*() const noexcept { return *ptr_; }
  const T* operator->() const noexcept { return ptr_; }

  /// Returns: mutable access (Rust: `Pin::get_mut` on `Pin<Box<T>>`). Requires: T is Unpin.
  T& get_mut() noexcept requires Unpin<T> { return *ptr_; }

  /// Returns: a pinned reference to the T (Rust: `Pin::as_mut`).
  Pin<T> as_pin() noexcept { return Pin<T>::new_unchecked(*ptr_); }

  /// Returns: whether this box holds a T (false only after a move).
  explicit operator bool() const noexcept { return ptr_ != nullptr; }

  /// Effects: exchanges the two boxes' T's; neither T moves.
  void swap(PinnedBox& other) noexcept { std::swap(ptr_, other.ptr_); }

 private:
  T* ptr_;  // owned; null only in a moved-from box
};

/// Returns: a PinnedBox holding a T built in place from `args` (Rust: `Box::pin`, except
/// that the value is never built elsewhere first). Works for non-movable T.
template <class T, class... Args>
PinnedBox<T> make_pinned(Args&&... args) {
  return PinnedBox<T>(std::in_place, std::forward<Args>(args)...);
}

/// Returns: a PinnedBox holding the value `factory()` returns, built directly in the box:
/// a prvalue initializes its final object (C++17 guaranteed copy elision), so this works
/// for a non-movable result too, and T is never moved.
/// Requires: `factory()` returns a T by value (a prvalue).
template <class F>
PinnedBox<std::invoke_result_t<F>> pin_from(F&& factory) {
  using T = std::invoke_result_t<F>;
  static_assert(std::is_object_v<T>, "pin_from: the factory must return a value, not a reference");
  return PinnedBox<T>(from_factory, std::forward<F>(factory));
}

}  // namespace mw
