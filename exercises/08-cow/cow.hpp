// cow.hpp — Cow<T>, clone on write: Rust's std::borrow::Cow<'a, B> in C++.
//
// A Cow either *borrows* a value someone else owns or *owns* one. Reading is
// the same in both states; the first write through to_mut() turns a borrowed
// Cow into an owned one by cloning, once. A function can therefore return its
// input untouched (borrowed, no allocation) and pay for a copy only on the
// inputs it has to change.
//
// Lifetimes: Rust checks that a Cow<'a, B> never outlives what it borrows. C++
// cannot. Cow refuses to borrow a temporary of type T (those overloads are
// deleted), but a borrowed Cow still dangles if its source is destroyed or, for a
// std::string source, reallocated while the Cow lives. Keep the source alive and
// unchanged for as long as the Cow is borrowed, or call to_mut()/into_owned().
//
// Given: borrow_traits, the deleted borrowed() overload, operator*, operator->,
// the private constructors and the state. Yours: every function marked MW_TODO().
// They are not noexcept yet because MW_TODO() throws (a throw out of a noexcept
// function would end the whole test program); add noexcept where the comment says
// "noexcept" once you have written them.
#pragma once

#include <concepts>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <mw/todo.hpp>

namespace mw {

/// How Cow<T> borrows a T: Rust's `Borrow`/`ToOwned` pair. By default a borrowed Cow<T> holds a
/// `const T*` and reads as `const T&`.
template <class T>
struct borrow_traits {
  /// What Cow<T>::borrowed takes and what reading a Cow<T> returns.
  using view_type = const T&;
  /// What a borrowed Cow<T> stores.
  using storage_type = const T*;

  static storage_type store(view_type value) noexcept { return &value; }
  static view_type view(storage_type stored) noexcept { return *stored; }
  static view_type view(const T& owned) noexcept { return owned; }
  /// Returns: a copy the Cow owns (Rust's ToOwned::to_owned).
  static T to_owned(view_type value) { return T(value); }
};

/// Strings borrow as string views (Rust: Cow<'a, str> borrows a &str, owns a String), so a
/// Cow<std::string> can borrow a literal, a slice of a buffer or any std::string_view.
template <class Char, class Traits, class Alloc>
struct borrow_traits<std::basic_string<Char, Traits, Alloc>> {
  using view_type = std::basic_string_view<Char, Traits>;
  using storage_type = view_type;

  static storage_type store(view_type value) noexcept { return value; }
  static view_type view(storage_type stored) noexcept { return stored; }
  static view_type view(const std::basic_string<Char, Traits, Alloc>& owned) noexcept {
    return owned;
  }
  static std::basic_string<Char, Traits, Alloc> to_owned(view_type value) {
    return std::basic_string<Char, Traits, Alloc>(value);
  }
};

/// Satisfied when a `U&&` argument is a temporary (or moved-from) T.
template <class U, class T>
concept rvalue_of = std::same_as<std::remove_cvref_t<U>, T> && !std::is_lvalue_reference_v<U>;

template <class T>
class Cow {
  static_assert(std::is_object_v<T> && !std::is_const_v<T>,
                "Cow<T> owns a T: T must be a non-const object type");
  static_assert(std::is_copy_constructible_v<T>,
                "Cow<T> clones on write: T must be copy constructible");

  using traits = borrow_traits<T>;

 public:
  using view_type = typename traits::view_type;
  using storage_type = typename traits::storage_type;

  /// Returns: a borrowed Cow reading `source`. Allocates nothing, copies nothing.
  /// Requires: `source` outlives the Cow (or its to_mut()/into_owned()) and does not change
  /// meanwhile. noexcept.
  static Cow borrowed(view_type source) {
    // TODO: a Cow whose state holds traits::store(source) (a private constructor does it).
    MW_TODO();
  }

  /// A temporary T dies at the end of the full expression: borrowing it would dangle at once
  /// (Rust rejects it as "temporary value dropped while borrowed").
  template <rvalue_of<T> U>
  static Cow borrowed(U&&) = delete;

  /// Returns: an owned Cow holding `value`, moved in (no copy of a T).
  static Cow owned(T value) {
    // TODO: a Cow whose state holds `value`, moved (not copied) in.
    MW_TODO();
  }

  /// Returns: true when the Cow borrows its value. noexcept.
  bool is_borrowed() const {
    // TODO: which alternative does state_ hold?
    MW_TODO();
  }
  /// Returns: true when the Cow owns its value. noexcept.
  bool is_owned() const { MW_TODO(); }

  /// Returns: the value, borrowed or owned (Rust's Deref). Valid until the next to_mut(),
  /// into_owned(), assignment or destruction of this Cow — and, when borrowed, while the
  /// source lives. noexcept.
  view_type view() const {
    // TODO: traits::view() of whichever alternative state_ holds (std::get_if, std::get).
    MW_TODO();
  }
  /// Returns: view().
  view_type operator*() const { return view(); }
  /// Returns: a pointer-like object to view(), so `cow->size()` reads the value.
  auto operator->() const { return arrow{view()}; }

  /// Effects: when borrowed, clones the value into the Cow (it becomes owned); when owned,
  /// nothing. Only the first call on a borrowed Cow copies; later calls return the same T.
  /// Returns: the owned value, for writing. Writes never reach the borrowed source.
  /// Throws: what copying a T throws; the Cow is then unchanged (still borrowed).
  T& to_mut() {
    // TODO: when borrowed, make the owned copy with traits::to_owned and only then switch
    // state_ to it (state_.template emplace<1>(...)). Return the owned T either way.
    MW_TODO();
  }

  /// Effects: consumes the Cow (Rust's into_owned): an owned value is moved out, a borrowed
  /// one is copied. The Cow is left in a valid but unspecified state.
  /// Returns: the value as a T.
  /// Throws: what copying (when borrowed) or moving (when owned) a T throws.
  T into_owned() && {
    // TODO: borrowed: a copy; owned: std::move the T out of state_.
    MW_TODO();
  }

  // clang-format 14 cannot lay out requires-clauses.
  // clang-format off
  /// Returns: true when both values are equal, whatever the states.
  friend bool operator==(const Cow& a, const Cow& b)
    requires std::equality_comparable<std::remove_cvref_t<view_type>>
  {
    // TODO: compare the views.
    MW_TODO();
  }
  /// Returns: true when the value equals `other`.
  friend bool operator==(const Cow& a, view_type other)
    requires std::equality_comparable<std::remove_cvref_t<view_type>>
  {
    MW_TODO();
  }

  /// Effects: prints the value, whatever the state.
  friend std::ostream& operator<<(std::ostream& os, const Cow& cow)
    requires requires(std::ostream& out, view_type v) { out << v; }
  {
    // TODO: print the view.
    MW_TODO();
  }
  // clang-format on

 private:
  /// operator->'s result: holds the view so a string view can be reached through `->` too.
  struct arrow {
    view_type value;
    const std::remove_reference_t<view_type>* operator->() const noexcept { return &value; }
  };

  explicit Cow(storage_type stored) noexcept : state_(std::in_place_index<0>, stored) {}
  explicit Cow(T&& value) : state_(std::in_place_index<1>, std::move(value)) {}

  /// Index 0: borrowed (a pointer or a view into someone else's value); index 1: owned.
  std::variant<storage_type, T> state_;
};

}  // namespace mw
