// ref_cell.hpp — RefCell<T>: Rust's run-time borrow checker in C++.
//
// A RefCell lets code that holds only shared (const) access change the value
// inside, which an Rc alone never allows. It keeps the borrow rule that the
// compiler enforces for plain references — many readers or one writer,
// never both — at run time instead: borrow() and borrow_mut() return guards
// that count themselves in the cell and throw on a conflicting borrow.
//
// The borrow flag, as in Rust's core::cell::RefCell:
//    0   not borrowed
//   n>0  n shared borrows (Ref guards) alive
//   -1   one mutable borrow (a RefMut guard) alive
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <utility>

namespace mw {

/// Thrown by RefCell::borrow and borrow_mut on a borrow that conflicts with a live one
/// (Rust panics with `BorrowError` / `BorrowMutError`).
class BorrowError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

template <class T>
class RefCell;

/// A shared borrow of a RefCell's value (Rust's `Ref<'_, T>`): read-only access while it
/// lives; it gives its borrow back when destroyed. Move-only.
template <class T>
class Ref {
 public:
  /// Effects: takes over `other`'s borrow; `other` no longer holds one.
  Ref(Ref&& other) noexcept : value_(other.value_), flag_(std::exchange(other.flag_, nullptr)) {}
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  Ref& operator=(Ref&&) = delete;

  /// Effects: gives the shared borrow back (unless moved from).
  ~Ref() {
    if (flag_) --*flag_;
  }

  /// Returns: the borrowed value.
  const T& operator*() const noexcept { return *value_; }
  /// Returns: the address of the borrowed value.
  const T* operator->() const noexcept { return value_; }

 private:
  friend class RefCell<T>;
  /// Adopts a shared borrow the cell already counted in `*flag`.
  Ref(const T* value, std::ptrdiff_t* flag) noexcept : value_(value), flag_(flag) {}

  const T* value_;
  std::ptrdiff_t* flag_;
};

/// The mutable borrow of a RefCell's value (Rust's `RefMut<'_, T>`): the only access to it
/// while it lives; it gives the borrow back when destroyed. Move-only.
template <class T>
class RefMut {
 public:
  /// Effects: takes over `other`'s borrow; `other` no longer holds one.
  RefMut(RefMut&& other) noexcept
      : value_(other.value_), flag_(std::exchange(other.flag_, nullptr)) {}
  RefMut(const RefMut&) = delete;
  RefMut& operator=(const RefMut&) = delete;
  RefMut& operator=(RefMut&&) = delete;

  /// Effects: gives the mutable borrow back (unless moved from).
  ~RefMut() {
    if (flag_) *flag_ = 0;
  }

  /// Returns: the borrowed value, for writing.
  T& operator*() const noexcept { return *value_; }
  /// Returns: the address of the borrowed value, for writing.
  T* operator->() const noexcept { return value_; }

 private:
  friend class RefCell<T>;
  /// Adopts the mutable borrow the cell already recorded in `*flag`.
  RefMut(T* value, std::ptrdiff_t* flag) noexcept : value_(value), flag_(flag) {}

  T* value_;
  std::ptrdiff_t* flag_;
};

/// A value that can be changed through a const RefCell, with the borrow rule checked at run
/// time (Rust's `RefCell<T>`). Neither copyable nor movable: guards point into it.
template <class T>
class RefCell {
 public:
  /// Effects: a cell holding `value`, not borrowed (Rust: `RefCell::new`).
  explicit RefCell(T value) : value_(std::move(value)) {}
  RefCell(const RefCell&) = delete;
  RefCell& operator=(const RefCell&) = delete;

  /// Returns: a shared borrow, or nullopt when the value is mutably borrowed.
  std::optional<Ref<T>> try_borrow() const noexcept {
    if (flag_ < 0) return std::nullopt;
    ++flag_;
    return Ref<T>(&value_, &flag_);
  }
  /// Returns: the mutable borrow, or nullopt when the value is borrowed in any way.
  std::optional<RefMut<T>> try_borrow_mut() const noexcept {
    if (flag_ != 0) return std::nullopt;
    flag_ = -1;
    return RefMut<T>(&value_, &flag_);
  }

  /// Returns: a shared borrow. Throws: BorrowError when the value is mutably borrowed.
  Ref<T> borrow() const {
    if (auto guard = try_borrow()) return std::move(*guard);
    throw BorrowError("RefCell::borrow: already mutably borrowed");
  }
  /// Returns: the mutable borrow. Throws: BorrowError when the value is borrowed in any way.
  RefMut<T> borrow_mut() const {
    if (auto guard = try_borrow_mut()) return std::move(*guard);
    throw BorrowError("RefCell::borrow_mut: already borrowed");
  }

 private:
  // `mutable` is what lets a const member hand out write access; the borrow flag is what
  // makes that safe. A plain `mutable` member has the first without the second.
  mutable T value_;
  mutable std::ptrdiff_t flag_ = 0;
};

}  // namespace mw
