// typed_arena.hpp — mw::TypedArena<T>, the C++ twin of Rust's typed_arena::Arena<T>.
//
// An arena of objects of ONE type. alloc() constructs a T in the current chunk and returns a
// reference that stays valid until the arena dies: chunks never move and are never freed
// early. Chunks are taken from an upstream std::pmr::memory_resource, each one allocation,
// and grow geometrically. Unlike a bump arena of bytes (exercise 03), the arena knows every
// object it holds, so it can iterate over them and it runs their destructors at its end.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <limits>
#include <memory>
#include <memory_resource>
#include <new>
#include <ranges>
#include <span>
#include <type_traits>
#include <utility>

#include <mw/todo.hpp>

namespace mw {

/// A forward range (so its length is known before anything is built) whose elements can each
/// construct a T: what TypedArena<T>::alloc_extend accepts.
template <class R, class T>
concept range_constructing =
    std::ranges::forward_range<R> && std::constructible_from<T, std::ranges::range_reference_t<R>>;

/// An arena of T objects with stable addresses, geometric chunks and destructors run at the
/// end in reverse allocation order.
///
/// The chunk policy (the hidden suite counts upstream calls exactly):
/// - each chunk is ONE upstream allocation, holding `capacity` objects and at most
///   max(64, alignof(T)) bytes of bookkeeping, padding included; nothing is allocated before
///   the first object;
/// - the next capacity starts at `first_chunk_capacity` and doubles every time a chunk is
///   taken, whatever that chunk's size (8, 16, 32, ...);
/// - alloc_extend(range) places the whole range in ONE chunk: when it does not fit in what
///   is left of the current chunk, it gets a new chunk of max(next capacity, n) objects
///   (the rest of the old chunk stays unused), which becomes current; the next capacity
///   still doubles from what it was (8, 16, then a range of 100: 100, then 64).
template <class T>
class TypedArena {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                "TypedArena<T>: T must be a non-const, non-array object type");
  static_assert(std::is_destructible_v<T>, "TypedArena<T>: T must be destructible");

  /// The header at the start of every chunk; the objects follow it at `storage_offset`.
  struct Chunk {
    Chunk* prev;           ///< the chunk taken before this one (toward the oldest)
    Chunk* next;           ///< the chunk taken after this one (toward the current)
    std::size_t capacity;  ///< objects this chunk can hold
    std::size_t used;      ///< objects constructed in it, from index 0

    T* objects() noexcept {
      return std::launder(
          reinterpret_cast<T*>(reinterpret_cast<std::byte*>(this) + storage_offset));
    }
  };

  static constexpr std::size_t chunk_align = std::max(alignof(Chunk), alignof(T));
  /// Where the objects start: just past the header, rounded up to alignof(T).
  static constexpr std::size_t storage_offset =
      (sizeof(Chunk) + alignof(T) - 1) / alignof(T) * alignof(T);

 public:
  /// The first chunk's capacity when none is given: about one 4 KiB page of objects, as
  /// Rust's typed_arena does.
  static constexpr std::size_t default_first_capacity = std::max<std::size_t>(1, 4096 / sizeof(T));

  /// A forward iterator over every object, in allocation order.
  template <bool Const>
  class basic_iterator {
   public:
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<Const, const T&, T&>;
    using pointer = std::conditional_t<Const, const T*, T*>;

    basic_iterator() = default;

    reference operator*() const { MW_TODO(); }
    pointer operator->() const { return &**this; }
    /// Effects: moves to the next object: the next index of this chunk, or the first object
    /// of the next non-empty chunk, or end() after the last object of the newest chunk.
    basic_iterator& operator++() { MW_TODO(); }
    basic_iterator operator++(int) {
      basic_iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const basic_iterator&, const basic_iterator&) = default;

   private:
    friend class TypedArena;
    /// Effects: points at the first object of `chunk` or of the first non-empty chunk after
    /// it (a chunk can be empty: alloc_extend may leave one behind), or is end().
    explicit basic_iterator(Chunk* chunk) : chunk_(chunk) {
      // TODO: skip the empty chunks.
      MW_TODO();
    }

    Chunk* chunk_ = nullptr;
    std::size_t index_ = 0;
  };
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  /// Effects: an empty arena taking chunks from `upstream`; allocates nothing yet.
  /// A `first_chunk_capacity` of 0 is raised to 1.
  /// Requires: `upstream` outlives the arena.
  explicit TypedArena(std::pmr::memory_resource* upstream = std::pmr::get_default_resource(),
                      std::size_t first_chunk_capacity = default_first_capacity) noexcept
      : upstream_(upstream), next_capacity_(std::max<std::size_t>(first_chunk_capacity, 1)) {}

  // References into the arena point at its chunks, and the chunks' list ends point at the
  // arena's members: copying would duplicate objects nobody asked for; the arena stays put.
  TypedArena(const TypedArena&) = delete;
  TypedArena& operator=(const TypedArena&) = delete;

  /// Effects: destroys every object in REVERSE allocation order (the newest first, like a
  /// stack of locals), then returns every chunk upstream.
  ~TypedArena() {
    // TODO: walk the chunks from current_ back to the oldest; in each, destroy the objects
    // from the last one built down to the first, then deallocate the chunk with the size and
    // alignment it was allocated with. (Left empty in the stub: nothing was allocated yet.)
  }

  /// Effects: constructs a T from std::forward<Args>(args)... at the end of the current chunk,
  /// taking a new chunk first if the current one is full.
  /// Returns: the new object; the reference stays valid until the arena is destroyed.
  /// Throws: what upstream or T's constructor throws; the arena is then unchanged (except
  /// for a new, empty chunk it may keep).
  template <class... Args>
  T& alloc(Args&&... args) {
    // TODO: chunk_with_room(1), construct_at the chunk's next free index, then count it.
    (void)sizeof...(args);
    MW_TODO();
  }

  /// Effects: constructs one T from each element of `range`, in order, contiguously in one
  /// chunk (a new one when the range does not fit in the current chunk).
  /// Returns: the new objects, valid until the arena is destroyed; empty for an empty range.
  /// Throws: std::bad_alloc when the range's byte size overflows; what upstream throws;
  /// what T's constructor throws, after destroying the objects this call already built
  /// (newest first), so the arena holds exactly what it held before.
  template <range_constructing<T> R>
  std::span<T> alloc_extend(R&& range) {
    // TODO: n = std::ranges::distance(range); find a chunk with room for all n; construct
    // them one by one; if one throws, destroy the ones this call built and rethrow.
    (void)range;
    MW_TODO();
  }

  /// Returns: the number of objects in the arena.
  std::size_t size() const noexcept { MW_TODO(); }
  /// Returns: the number of chunks taken from upstream.
  std::size_t chunk_count() const noexcept { MW_TODO(); }

  /// Returns: iterators over every object, in allocation order.
  iterator begin() { return iterator(first_); }
  iterator end() noexcept { return {}; }
  const_iterator begin() const { return const_iterator(first_); }
  const_iterator end() const noexcept { return {}; }

 private:
  /// Returns: the current chunk when `n` more objects fit in it, else a new current chunk of
  /// max(next_capacity_, n) objects. Throws: std::bad_alloc (nothing changed) when upstream
  /// fails or the chunk's size in bytes overflows.
  Chunk* chunk_with_room(std::size_t n) {
    // TODO: check the byte size cannot overflow BEFORE multiplying; allocate
    // storage_offset + capacity * sizeof(T) bytes aligned to chunk_align; only after upstream
    // returned, placement-new the Chunk header, link it after current_, make it current and
    // double next_capacity_.
    (void)n;
    MW_TODO();
  }

  std::pmr::memory_resource* upstream_;
  std::size_t next_capacity_;  ///< capacity of the next chunk of the geometric sequence
  Chunk* first_ = nullptr;     ///< the oldest chunk: iteration starts here
  Chunk* current_ = nullptr;   ///< the newest chunk: allocation and destruction start here
  std::size_t size_ = 0;
  std::size_t chunk_count_ = 0;
};

}  // namespace mw
