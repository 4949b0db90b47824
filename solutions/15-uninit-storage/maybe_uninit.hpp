// maybe_uninit.hpp — MaybeUninit<T>: room for one T whose life the caller runs by hand.
//
// Rust defines it as a union:
//
//   pub union MaybeUninit<T> { uninit: (), value: ManuallyDrop<T> }
//
// and so does this file. A union member is not constructed by the union's constructor nor
// destroyed by its destructor, so `MaybeUninit<T> slots[8];` runs no constructor of T and
// dropping it runs no destructor: the caller says when a value starts (write) and ends
// (assume_init_drop). Naming the member (`value_`) reaches the object itself, so unlike a
// byte buffer no std::launder is needed here.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace mw {

/// Storage for one T that may or may not hold a live value (Rust's `MaybeUninit<T>`).
/// Nothing is constructed or destroyed implicitly. Copyable (bytewise, trivially) exactly
/// when T is trivially copyable, as Rust's is `Copy` exactly when T is `Copy`: a bytewise
/// copy of, say, a std::string would give two owners of one heap buffer.
template <class T>
class MaybeUninit {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>,
                "MaybeUninit<T> holds one complete object type");

 public:
  /// Effects: none — no T is constructed (Rust: `MaybeUninit::uninit()`).
  MaybeUninit() noexcept {}

  // (clang-format 14 mangles requires-clauses on special members.)
  // clang-format off

  /// Effects: a bytewise copy of the slot, value or not (Rust: `Copy`). Declared only when
  /// T is trivially copyable; for other T, MaybeUninit is not copyable at all.
  MaybeUninit(const MaybeUninit&) requires std::is_trivially_copyable_v<T> = default;
  MaybeUninit& operator=(const MaybeUninit&) requires std::is_trivially_copyable_v<T> = default;

  /// Effects: none — a value still inside is NOT destroyed (call assume_init_drop first).
  /// Two destructors: the constrained one is chosen (and trivial) when T's destructor is
  /// trivial, so a MaybeUninit of a trivially copyable T is trivially copyable too.
  ~MaybeUninit() requires std::is_trivially_destructible_v<T> = default;
  ~MaybeUninit() {}

  // clang-format on

  /// Requires: no live value inside (an old one would be overwritten without being
  /// destroyed — allowed, as in Rust, but it leaks whatever the old value owned).
  /// Effects: constructs a T from `args` in place (Rust: `MaybeUninit::write`).
  /// Returns: the new value. Throws: what T's constructor throws; the slot stays empty.
  template <class... Args>
  T& write(Args&&... args) {
    return *std::construct_at(std::addressof(value_), std::forward<Args>(args)...);
  }

  /// Requires: write() was called and the value not dropped since.
  /// Returns: the value (Rust: `assume_init_ref` / `assume_init_mut`).
  T& assume_init() noexcept { return value_; }
  const T& assume_init() const noexcept { return value_; }

  /// Requires: a live value inside. Effects: destroys it; the slot is empty again
  /// (Rust: `MaybeUninit::assume_init_drop`).
  void assume_init_drop() noexcept { std::destroy_at(std::addressof(value_)); }

  /// Returns: the address of the slot, valid whether or not a value lives there (Rust:
  /// `as_ptr` / `as_mut_ptr`); for example to hand to std::construct_at.
  T* as_ptr() noexcept { return std::addressof(value_); }
  const T* as_ptr() const noexcept { return std::addressof(value_); }

 private:
  union {
    T value_;  ///< alive only between write() and assume_init_drop()
  };
};

}  // namespace mw
