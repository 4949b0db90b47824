// self_ref.hpp — SelfRef<Owner, Dependent>: an owner and a value that borrows from it, kept
// together in one movable object (what the ouroboros crate's #[self_referencing] generates).
//
// The dependent is built from a const reference to the owner and may keep pointers, views or
// iterators into it (a std::string_view into a std::string, a span into a vector, a parsed
// header pointing into a buffer). The wrapper must be movable — into a function, out of
// one, into a std::vector that reallocates — and the dependent must stay valid through all
// of it. So the owner may never move: where must it live for that to be true?
//
// Rules that keep it sound: the owner is read-only once the dependent exists, and the
// dependent always dies first — in the destructor, in a move assignment and in into_owner.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include <mw/todo.hpp>

// Stub note: the functions you write are not marked noexcept here, because MW_TODO() throws
// and a throw out of a noexcept function ends the whole test binary. Add noexcept to the
// move operations, empty() and owner() as you write them (the suite checks the moves: a
// std::vector moves its elements on reallocation only when that cannot throw, or when there
// is no copy). The destructor is empty for the same reason: write it too.

namespace mw {

template <class Owner, class Dependent>
class SelfRef {
  static_assert(std::is_object_v<Owner> && !std::is_const_v<Owner>,
                "Owner must be a non-const object type: the wrapper owns it");
  static_assert(std::is_nothrow_move_constructible_v<Dependent>,
                "Dependent is moved when the wrapper moves: its move must not throw");

 public:
  /// Requires: `build(const Owner&)` returns a Dependent.
  /// Effects: moves `owner` to a place where it will never move again, then builds the
  /// dependent by calling `build` with a const reference to it (ouroboros: `new` with a
  /// `_builder`).
  /// Returns: the pair. Throws: std::bad_alloc, or whatever moving the owner or `build`
  /// throws; the owner is then destroyed and nothing leaks.
  template <class Build>
  requires std::is_invocable_r_v<Dependent, Build&, const Owner&>
  static SelfRef make(Owner owner, Build&& build) { MW_TODO(); }

  SelfRef(const SelfRef&) = delete;
  SelfRef& operator=(const SelfRef&) = delete;

  /// Effects: takes over `other`'s owner and dependent without moving the owner, so the
  /// dependent's references stay valid. `other` becomes empty.
  SelfRef(SelfRef&& other) { MW_TODO(); }

  /// Effects: drops this pair (dependent, then owner), then takes over `other`'s, which
  /// becomes empty. Safe for `a = std::move(a)`.
  SelfRef& operator=(SelfRef&& other) { MW_TODO(); }

  /// Effects: destroys the dependent, then the owner.
  ~SelfRef() {
    // TODO: the dependent first, while the owner it borrows from is still alive.
  }

  /// Returns: true when this wrapper holds nothing (it was moved from, or into_owner ran).
  bool empty() const { MW_TODO(); }

  /// Requires: !empty(). Returns: the owner, read-only: changing it could invalidate
  /// what the dependent borrowed (ouroboros: `borrow_owner`).
  const Owner& owner() const { MW_TODO(); }

  /// Requires: !empty(). Effects: calls `f(const Dependent&)`.
  /// Returns: what `f` returns. The reference must not escape `f`: it would outlive the pair.
  template <class F>
  std::invoke_result_t<F, const Dependent&> with_dependent(F&& f) const {
    MW_TODO();
  }

  /// Requires: !empty(). Effects: calls `f(Dependent&)`, which may change the dependent
  /// (e.g. advance a cursor) but still only reads the owner (ouroboros: `with_dependent_mut`).
  /// Returns: what `f` returns.
  template <class F>
  std::invoke_result_t<F, Dependent&> with_dependent_mut(F&& f) {
    MW_TODO();
  }

  /// Requires: !empty(). Effects: destroys the dependent first, then moves the owner out
  /// and frees whatever held it; *this becomes empty (ouroboros: `into_heads`).
  /// Returns: the owner. Throws: what moving the owner throws.
  Owner into_owner() && { MW_TODO(); }

 private:
  /// Effects: an empty wrapper, for make() to fill in.
  SelfRef() = default;

  // TODO: the data members. Two questions decide everything:
  //  - where does the owner live, so that moving the wrapper does not move it?
  //  - in which order are the members destroyed (and does a moved-from wrapper still hold
  //    a dependent that its destructor would destroy)?
};

}  // namespace mw
