// small_vec.hpp — SmallVec<T, N>: a vector that keeps its first N elements inline.
//
// Rust's `smallvec::SmallVec<[T; N]>` in C++. Up to N elements live in raw bytes inside
// the object itself (no allocation); the (N+1)-th push moves them all to a heap block
// from a std::pmr::memory_resource, whose capacity then doubles as it fills.
//
// The buffer holds bytes, not T objects: an element's life starts with std::construct_at
// and ends with std::destroy_at, exactly once each, and only slots [0, size) are alive.
//
//   inline:  [ T T T . . ]  <- inline_, capacity N, heap_ == nullptr
//   spilled: heap_ -> [ T T T T T T . . ]  (capacity_ elements from the resource)
//
// Exception safety: push_back, emplace_back, insert and emplace give the STRONG guarantee
// (on a throw the vector is as before) provided T's move assignment does not throw —
// whatever T's copy or move *constructors* do. That holds because
//   * the new element is built before any existing element is touched, and
//   * existing elements are relocated with std::move_if_noexcept: moved when the move
//     cannot throw, copied otherwise, so a throw half-way leaves every original intact.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <memory_resource>
#include <new>
#include <type_traits>
#include <utility>

#include <mw/todo.hpp>

// Stub note: the functions you write are not marked noexcept here, because MW_TODO()
// throws and a throw out of a noexcept function ends the whole test binary. For the same
// reason the destructor is empty: write it too. The solution has noexcept on data(),
// pop_back, clear, and on the moves and erase when T's moves are noexcept.

namespace mw {

namespace detail {

/// Runs `undo` at scope exit unless dismiss() was called: the rollback of a half-done step.
/// (Given: use it, or try/catch, to undo a half-built relocation.)
template <class F>
class OnFailure {
 public:
  explicit OnFailure(F undo) : undo_(std::move(undo)) {}
  OnFailure(const OnFailure&) = delete;
  OnFailure& operator=(const OnFailure&) = delete;
  ~OnFailure() {
    if (armed_) undo_();
  }
  /// Effects: the step succeeded; undo will not run.
  void dismiss() noexcept { armed_ = false; }

 private:
  F undo_;
  bool armed_ = true;
};

}  // namespace detail

/// A vector of T with room for N elements inline; more spill to a memory_resource.
template <class T, std::size_t N>
class SmallVec {
  static_assert(N > 0, "SmallVec needs room for at least one inline element");
  static_assert(std::is_nothrow_destructible_v<T>, "element destructors must not throw");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;

  /// Requires: `resource` is not null and outlives the vector.
  /// Effects: an empty, inline vector that will spill to `resource`. Allocates nothing.
  explicit SmallVec(std::pmr::memory_resource* resource = std::pmr::get_default_resource()) noexcept
      : resource_(resource) {}

  /// Effects: copies every element of `other`, into the inline buffer when they fit, else
  /// into one heap block of exactly other.size() elements from other's resource (Rust's
  /// Vec<T, A> clones its allocator too).
  /// Throws: what allocating or T's copy constructor throws; nothing leaks.
  SmallVec(const SmallVec& other) : SmallVec(other.resource_) { MW_TODO(); }

  /// Effects: takes other's elements and resource. A spilled `other` hands over its heap
  /// block and no element is touched; an inline one has each element moved (T's move
  /// constructor, even if it may throw: `other` is being emptied anyway). `other` is left
  /// empty and inline. Throws: what T's move constructor throws (inline case only).
  SmallVec(SmallVec&& other) : SmallVec(other.resource_) { MW_TODO(); }

  /// Effects: *this holds copies of other's elements; its resource is unchanged, and so is
  /// its heap block when other's elements fit in it (no allocation).
  /// Throws: what allocating or copying throws; *this then holds some of them (basic
  /// guarantee) and nothing leaks.
  SmallVec& operator=(const SmallVec& other) { MW_TODO(); }

  /// Effects: destroys and frees what *this held, then takes other's elements and
  /// resource as the move constructor does. Throws: as the move constructor.
  SmallVec& operator=(SmallVec&& other) { MW_TODO(); }

  /// Effects: destroys the size() live elements (no more: the other slots hold no object)
  /// and gives the heap block, if any, back to the resource.
  ~SmallVec() {
    // TODO: destroy the live elements and free the heap block.
  }

  size_type size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  /// Returns: N while inline, else the number of elements the heap block holds.
  size_type capacity() const noexcept { return capacity_; }
  /// Returns: true while the elements live in the inline buffer (no heap block).
  bool is_inline() const noexcept { return heap_ == nullptr; }
  /// Returns: the resource the heap block comes from.
  std::pmr::memory_resource* resource() const noexcept { return resource_; }

  /// Returns: the address of the first slot (inline buffer or heap block).
  /// The inline case needs std::launder: see the lesson, and say why in a comment.
  T* data() { MW_TODO(); }
  const T* data() const { MW_TODO(); }

  iterator begin() { return data(); }
  iterator end() { return data() + size_; }
  const_iterator begin() const { return data(); }
  const_iterator end() const { return data() + size_; }

  /// Requires: i < size(). Returns: the i-th element.
  T& operator[](size_type i) { return data()[i]; }
  const T& operator[](size_type i) const { return data()[i]; }
  /// Requires: !empty(). Returns: the last element.
  T& back() { return data()[size_ - 1]; }

  /// Effects: when n > capacity(), moves the elements to a heap block of exactly n.
  /// Throws: what allocating or relocating throws; the vector is then unchanged (strong).
  void reserve(size_type n) { MW_TODO(); }

  /// Effects: appends a copy of `value`, which may be an element of *this.
  /// Throws: what allocating or copying throws; the vector is then unchanged (strong).
  void push_back(const T& value) { MW_TODO(); }
  /// Effects: appends `value`, moved. Throws: as emplace_back (strong).
  void push_back(T&& value) { MW_TODO(); }

  /// Effects: appends a T built from `args` (which may refer to elements of *this); when
  /// full, first moves everything to a heap block of twice the capacity.
  /// Returns: the new element.
  /// Throws: what allocating or T's constructors throw; the vector is then unchanged.
  template <class... Args>
  T& emplace_back(Args&&... args) {
    MW_TODO();
  }

  /// Requires: !empty(). Effects: destroys the last element, and only it.
  void pop_back() { MW_TODO(); }

  /// Effects: destroys every element; the capacity (and any heap block) is kept.
  void clear() { MW_TODO(); }

  /// Effects: inserts a copy of `value` (which may be an element of *this) before `pos`.
  /// Returns: an iterator to the new element. Throws: as emplace (strong guarantee).
  iterator insert(const_iterator pos, const T& value) { MW_TODO(); }
  /// Effects: inserts `value`, moved, before `pos`. Throws: as emplace (strong guarantee).
  iterator insert(const_iterator pos, T&& value) { MW_TODO(); }

  /// Requires: pos in [begin(), end()].
  /// Effects: inserts a T built from `args` (which may refer to elements of *this) before
  /// `pos`; the later elements move up one slot.
  /// Returns: an iterator to the new element.
  /// Throws: what allocating or T's constructors throw; the vector is then unchanged
  /// (strong), provided T's move assignment does not throw.
  template <class... Args>
  iterator emplace(const_iterator pos, Args&&... args) {
    MW_TODO();
  }

  /// Requires: pos in [begin(), end()).
  /// Effects: removes the element at `pos`; the later ones move down one slot.
  /// Returns: an iterator to the element that followed the erased one.
  iterator erase(const_iterator pos) { MW_TODO(); }

 private:
  // TODO: add the private helpers you need. The solution has: allocate/deallocate (through
  // std::pmr::polymorphic_allocator<T>(resource_)), construct_last, relocate (with
  // std::move_if_noexcept), grow_and_emplace, release and take.

  // The layout is given: keep it.
  std::pmr::memory_resource* resource_;
  T* heap_ = nullptr;   ///< the heap block, or nullptr while inline
  size_type size_ = 0;  ///< slots [0, size_) hold live elements, the rest raw bytes
  size_type capacity_ = N;
  alignas(T) std::byte inline_[N * sizeof(T)];  ///< raw storage: no T lives here until constructed
};

}  // namespace mw
