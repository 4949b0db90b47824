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

namespace mw {

namespace detail {

/// Runs `undo` at scope exit unless dismiss() was called: the rollback of a half-done step.
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
  SmallVec(const SmallVec& other) : SmallVec(other.resource_) {
    // Delegating constructor: *this is a complete object from here on, so if a copy below
    // throws, ~SmallVec runs and destroys the elements built so far — exactly size_ of them.
    append_copies(other);
  }

  /// Effects: takes other's elements and resource. A spilled `other` hands over its heap
  /// block and no element is touched; an inline one has each element moved (T's move
  /// constructor, even if it may throw: `other` is being emptied anyway). `other` is left
  /// empty and inline. Throws: what T's move constructor throws (inline case only).
  SmallVec(SmallVec&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
      : SmallVec(other.resource_) {
    take(other);
  }

  /// Effects: *this holds copies of other's elements; its resource is unchanged, and so is
  /// its heap block when other's elements fit in it (no allocation).
  /// Throws: what allocating or copying throws; *this then holds some of them (basic
  /// guarantee) and nothing leaks.
  SmallVec& operator=(const SmallVec& other) {
    if (this != &other) {
      clear();
      append_copies(other);
    }
    return *this;
  }

  /// Effects: destroys and frees what *this held, then takes other's elements and
  /// resource as the move constructor does. Throws: as the move constructor.
  SmallVec& operator=(SmallVec&& other) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &other) {
      release();
      resource_ = other.resource_;
      take(other);
    }
    return *this;
  }

  /// Effects: destroys the size() live elements (no more: the other slots hold no object)
  /// and gives the heap block, if any, back to the resource.
  ~SmallVec() { release(); }

  size_type size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  /// Returns: N while inline, else the number of elements the heap block holds.
  size_type capacity() const noexcept { return capacity_; }
  /// Returns: true while the elements live in the inline buffer (no heap block).
  bool is_inline() const noexcept { return heap_ == nullptr; }
  /// Returns: the resource the heap block comes from.
  std::pmr::memory_resource* resource() const noexcept { return resource_; }

  /// Returns: the address of the first slot (inline buffer or heap block).
  T* data() noexcept { return heap_ ? heap_ : inline_data(); }
  const T* data() const noexcept { return heap_ ? heap_ : inline_data(); }

  iterator begin() noexcept { return data(); }
  iterator end() noexcept { return data() + size_; }
  const_iterator begin() const noexcept { return data(); }
  const_iterator end() const noexcept { return data() + size_; }

  /// Requires: i < size(). Returns: the i-th element.
  T& operator[](size_type i) noexcept { return data()[i]; }
  const T& operator[](size_type i) const noexcept { return data()[i]; }
  /// Requires: !empty(). Returns: the last element.
  T& back() noexcept { return data()[size_ - 1]; }

  /// Effects: when n > capacity(), moves the elements to a heap block of exactly n.
  /// Throws: what allocating or relocating throws; the vector is then unchanged (strong).
  void reserve(size_type n) {
    if (n <= capacity_) return;
    T* block = allocate(n);
    detail::OnFailure free_block([&] { deallocate(block, n); });
    relocate(data(), size_, block);
    free_block.dismiss();
    adopt(block, n);
  }

  /// Effects: appends a copy of `value`, which may be an element of *this.
  /// Throws: what allocating or copying throws; the vector is then unchanged (strong).
  void push_back(const T& value) { emplace_back(value); }
  /// Effects: appends `value`, moved. Throws: as emplace_back (strong).
  void push_back(T&& value) { emplace_back(std::move(value)); }

  /// Effects: appends a T built from `args` (which may refer to elements of *this); when
  /// full, first moves everything to a heap block of twice the capacity.
  /// Returns: the new element.
  /// Throws: what allocating or T's constructors throw; the vector is then unchanged.
  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == capacity_) {
      grow_and_emplace(size_, std::forward<Args>(args)...);
    } else {
      construct_last(std::forward<Args>(args)...);
    }
    return back();
  }

  /// Requires: !empty(). Effects: destroys the last element, and only it.
  void pop_back() noexcept {
    --size_;
    std::destroy_at(data() + size_);
  }

  /// Effects: destroys every element; the capacity (and any heap block) is kept.
  void clear() noexcept {
    std::destroy(begin(), end());
    size_ = 0;
  }

  /// Effects: inserts a copy of `value` (which may be an element of *this) before `pos`.
  /// Returns: an iterator to the new element. Throws: as emplace (strong guarantee).
  iterator insert(const_iterator pos, const T& value) { return emplace(pos, value); }
  /// Effects: inserts `value`, moved, before `pos`. Throws: as emplace (strong guarantee).
  iterator insert(const_iterator pos, T&& value) { return emplace(pos, std::move(value)); }

  /// Requires: pos in [begin(), end()].
  /// Effects: inserts a T built from `args` (which may refer to elements of *this) before
  /// `pos`; the later elements move up one slot.
  /// Returns: an iterator to the new element.
  /// Throws: what allocating or T's constructors throw; the vector is then unchanged
  /// (strong), provided T's move assignment does not throw.
  template <class... Args>
  iterator emplace(const_iterator pos, Args&&... args) {
    const auto index = static_cast<size_type>(pos - begin());
    if (size_ == capacity_) {
      grow_and_emplace(index, std::forward<Args>(args)...);
    } else if (index == size_) {
      construct_last(std::forward<Args>(args)...);
    } else {
      // Build the value before anything moves: args may refer to an element the shift
      // below overwrites, and a throw here changes nothing.
      T value(std::forward<Args>(args)...);
      // Open a slot at the end, from the last element. move_if_noexcept: when T's move may
      // throw this copies, so a throw leaves that element intact and nothing has changed.
      construct_last(std::move_if_noexcept(back()));
      T* first = data();
      std::move_backward(first + index, first + size_ - 2, first + size_ - 1);
      first[index] = std::move(value);
    }
    return begin() + index;
  }

  /// Requires: pos in [begin(), end()).
  /// Effects: removes the element at `pos`; the later ones move down one slot.
  /// Returns: an iterator to the element that followed the erased one.
  iterator erase(const_iterator pos) noexcept(std::is_nothrow_move_assignable_v<T>) {
    T* target = begin() + (pos - begin());
    std::move(target + 1, end(), target);
    pop_back();  // the last slot now holds a moved-from value: destroy it
    return target;
  }

 private:
  /// The inline buffer as a T*. Why std::launder: the bytes of inline_ provide storage for
  /// a T[N] array (created implicitly, C++20 [intro.object]), but a pointer to inline_ is
  /// not a pointer to that array even though the address is the same: reinterpret_cast
  /// changes a pointer's type, never the object it points to, and std::byte[] and T[N] are
  /// not pointer-interconvertible. std::launder returns a pointer to the object that does
  /// live at that address. (The heap block needs none: allocate() returns a pointer to the
  /// first element of the T[n] array the allocator created; and a pointer construct_at
  /// returns already points to the new object.)
  T* inline_data() noexcept { return *std::launder(reinterpret_cast<T(*)[N]>(inline_)); }
  const T* inline_data() const noexcept {
    return *std::launder(reinterpret_cast<const T(*)[N]>(inline_));
  }

  /// polymorphic_allocator<T>::allocate creates a T[n] array (no element alive yet) in
  /// memory from resource_: n * sizeof(T) bytes aligned to alignof(T).
  T* allocate(size_type n) { return std::pmr::polymorphic_allocator<T>(resource_).allocate(n); }
  void deallocate(T* block, size_type n) noexcept {
    std::pmr::polymorphic_allocator<T>(resource_).deallocate(block, n);
  }

  /// Requires: size() < capacity(). Effects: constructs the new last element; size_ grows
  /// only once the constructor has returned, so a throw leaves no half-counted slot.
  template <class... Args>
  void construct_last(Args&&... args) {
    std::construct_at(data() + size_, std::forward<Args>(args)...);
    ++size_;
  }

  /// Effects: appends copies of other's elements (at most one allocation).
  void append_copies(const SmallVec& other) {
    reserve(size_ + other.size_);
    for (const T& element : other) construct_last(element);
  }

  /// Effects: constructs src[0, n) into the raw slots dst[0, n): moved when T's move
  /// cannot throw, copied otherwise, so src is intact if this throws.
  /// Throws: what T's constructor throws, after destroying what it built.
  static void relocate(T* src, size_type n, T* dst) {
    size_type built = 0;
    detail::OnFailure undo([&] { std::destroy_n(dst, built); });
    for (; built < n; ++built) std::construct_at(dst + built, std::move_if_noexcept(src[built]));
    undo.dismiss();
  }

  /// Requires: size() == capacity(), index <= size().
  /// Effects: moves to a heap block of twice the capacity with a T built from args at
  /// `index`. The new element is built FIRST — args may refer into the old storage, which
  /// stays untouched until everything is built. On a throw the new block is emptied and
  /// freed, and the vector is unchanged.
  template <class... Args>
  void grow_and_emplace(size_type index, Args&&... args) {
    const size_type new_capacity = 2 * capacity_;
    T* block = allocate(new_capacity);
    detail::OnFailure free_block([&] { deallocate(block, new_capacity); });
    std::construct_at(block + index, std::forward<Args>(args)...);
    detail::OnFailure drop_new([&] { std::destroy_at(block + index); });
    relocate(data(), index, block);
    detail::OnFailure drop_front([&] { std::destroy_n(block, index); });
    relocate(data() + index, size_ - index, block + index + 1);
    drop_front.dismiss();
    drop_new.dismiss();
    free_block.dismiss();
    adopt(block, new_capacity);
    ++size_;
  }

  /// Requires: block[0, size()) holds the relocated elements.
  /// Effects: ends the old elements' lives, frees the old heap block, uses `block`.
  void adopt(T* block, size_type new_capacity) noexcept {
    const size_type count = size_;
    release();
    heap_ = block;
    capacity_ = new_capacity;
    size_ = count;
  }

  /// Effects: destroys the elements, frees the heap block; *this is empty and inline.
  void release() noexcept {
    clear();
    if (heap_) deallocate(heap_, capacity_);
    heap_ = nullptr;
    capacity_ = N;
  }

  /// Requires: *this is empty and inline, resource_ == other.resource_.
  /// Effects: takes other's heap block, or moves its inline elements; other ends empty.
  void take(SmallVec& other) {
    if (other.heap_) {
      heap_ = std::exchange(other.heap_, nullptr);
      capacity_ = std::exchange(other.capacity_, N);
      size_ = std::exchange(other.size_, 0);
    } else {
      for (T& element : other) construct_last(std::move(element));
      other.clear();
    }
  }

  std::pmr::memory_resource* resource_;
  T* heap_ = nullptr;   ///< the heap block, or nullptr while inline
  size_type size_ = 0;  ///< slots [0, size_) hold live elements, the rest raw bytes
  size_type capacity_ = N;
  alignas(T) std::byte inline_[N * sizeof(T)];  ///< raw storage: no T lives here until constructed
};

}  // namespace mw
