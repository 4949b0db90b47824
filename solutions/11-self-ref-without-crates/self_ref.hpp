// self_ref.hpp — SelfRef<Owner, Dependent>: an owner and a value that borrows from it, kept
// together in one movable object (what the ouroboros crate's #[self_referencing] generates).
//
// The owner lives in its own heap block, so its address never changes; the dependent is
// built from a const reference to it and may keep pointers, views or iterators into it. The
// wrapper itself holds only the owning pointer and the dependent: moving it (or a vector
// reallocating a buffer of them) moves the pointer and the dependent's pointers, and every
// one of them still points at the same, unmoved owner.
//
//   SelfRef (moves freely)              heap block (never moves)
//   +-----------------+                 +-------------------------+
//   | owner_  -------+----------------> | Owner                   |
//   | dependent_     |                  |   "hello world"         |
//   |   view -------+-----------------> |    ^                    |
//   +-----------------+                 +-------------------------+
//
// Rules that keep it sound: the owner is immutable once the dependent exists (it is only
// reachable as const), and the dependent always dies first — in the destructor, in a move
// assignment and in into_owner.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace mw {

template <class Owner, class Dependent>
class SelfRef {
  static_assert(std::is_object_v<Owner> && !std::is_const_v<Owner>,
                "Owner must be a non-const object type: the wrapper owns it");
  static_assert(std::is_nothrow_move_constructible_v<Dependent>,
                "Dependent is moved when the wrapper moves: its move must not throw");

 public:
  /// Requires: `build(const Owner&)` returns a Dependent.
  /// Effects: moves `owner` into a heap block of its own, then builds the dependent by
  /// calling `build` with a const reference to it (ouroboros: `new` with a `_builder`).
  /// Returns: the pair. Throws: std::bad_alloc, or whatever moving the owner or `build`
  /// throws; the owner is then destroyed and nothing leaks.
  template <class Build>
  requires std::is_invocable_r_v<Dependent, Build&, const Owner&>
  static SelfRef make(Owner owner, Build&& build) {
    SelfRef self;
    self.owner_ = std::make_unique<Owner>(std::move(owner));
    // If build throws, `self` is destroyed on the way out and frees the owner.
    self.dependent_.emplace(std::invoke(build, std::as_const(*self.owner_)));
    return self;
  }

  SelfRef(const SelfRef&) = delete;
  SelfRef& operator=(const SelfRef&) = delete;

  /// Effects: takes over `other`'s owner block and dependent; the owner does not move, so
  /// the dependent's references stay valid. `other` becomes empty.
  SelfRef(SelfRef&& other) noexcept
      : owner_(std::move(other.owner_)), dependent_(std::move(other.dependent_)) {
    other.dependent_.reset();  // a moved-from optional is still engaged: empty it for real
  }

  /// Effects: drops this pair (dependent, then owner), then takes over `other`'s, which
  /// becomes empty. Safe for `a = std::move(a)`.
  SelfRef& operator=(SelfRef&& other) noexcept {
    if (this != &other) {
      reset();
      owner_ = std::move(other.owner_);
      if (other.dependent_) dependent_.emplace(std::move(*other.dependent_));
      other.dependent_.reset();
    }
    return *this;
  }

  /// Effects: destroys the dependent, then the owner.
  ~SelfRef() { reset(); }

  /// Returns: true when this wrapper holds nothing (it was moved from, or into_owner ran).
  bool empty() const noexcept { return owner_ == nullptr; }

  /// Requires: !empty(). Returns: the owner, read-only: changing it could invalidate
  /// what the dependent borrowed (ouroboros: `borrow_owner`).
  const Owner& owner() const noexcept { return *owner_; }

  /// Requires: !empty(). Effects: calls `f(const Dependent&)`.
  /// Returns: what `f` returns. The reference must not escape `f`: it would outlive the pair.
  template <class F>
  std::invoke_result_t<F, const Dependent&> with_dependent(F&& f) const {
    return std::invoke(std::forward<F>(f), std::as_const(*dependent_));
  }

  /// Requires: !empty(). Effects: calls `f(Dependent&)`, which may change the dependent
  /// (e.g. advance a cursor) but still only reads the owner (ouroboros: `with_dependent_mut`).
  /// Returns: what `f` returns.
  template <class F>
  std::invoke_result_t<F, Dependent&> with_dependent_mut(F&& f) {
    return std::invoke(std::forward<F>(f), *dependent_);
  }

  /// Requires: !empty(). Effects: destroys the dependent first, then moves the owner out
  /// and frees its block; *this becomes empty (ouroboros: `into_heads`).
  /// Returns: the owner. Throws: what moving the owner throws.
  Owner into_owner() && {
    dependent_.reset();
    Owner owner = std::move(*owner_);
    owner_.reset();
    return owner;
  }

 private:
  SelfRef() = default;

  /// Effects: destroys the dependent, then the owner; leaves *this empty.
  void reset() noexcept {
    dependent_.reset();
    owner_.reset();
  }

  std::unique_ptr<Owner> owner_;  // the stable address
  std::optional<Dependent> dependent_;
};

}  // namespace mw
