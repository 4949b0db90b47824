// bump_arena.hpp — a bump arena in the style of Rust's bumpalo.
//
// Memory comes from an upstream std::pmr::memory_resource in chunks. Inside a
// chunk an allocation is one subtraction and one mask: the bump pointer starts
// at the top of the chunk and moves DOWN. Nothing is freed one by one; reset()
// rewinds the arena and destruction returns every chunk. Destructors of the
// objects placed in the arena are never run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory_resource>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace mw {

class BumpArena {
 public:
  /// Every chunk is at least this aligned; a chunk made for a request with a larger
  /// alignment is aligned to that instead.
  static constexpr std::size_t chunk_alignment = alignof(std::max_align_t);
  /// The smallest chunk the arena asks for; a smaller `first_chunk_bytes` is raised to it.
  static constexpr std::size_t min_chunk_bytes = 256;

  /// Effects: remembers `upstream` and the size of the first chunk. Allocates nothing:
  /// the first chunk is taken on the first allocation.
  /// Requires: `upstream` outlives the arena.
  explicit BumpArena(std::pmr::memory_resource* upstream = std::pmr::get_default_resource(),
                     std::size_t first_chunk_bytes = 4096);

  /// Effects: returns every chunk to the upstream resource, with the size and alignment it
  /// was allocated with. Runs no destructor of the objects placed in the arena.
  ~BumpArena();

  BumpArena(const BumpArena&) = delete;
  BumpArena& operator=(const BumpArena&) = delete;

  /// Effects: hands out `size` bytes aligned to `align`, below the previous allocation of
  /// the current chunk. When they do not fit there, takes a new chunk from upstream: the
  /// next chunk of the doubling sequence (which becomes the current chunk), or, for a
  /// request too big for it, a chunk of its own (the current chunk stays current).
  /// Returns: the memory; valid until reset() or destruction. Never nullptr, not even for
  /// size 0 (a size-0 request is served like any other, first chunk included).
  /// Throws: std::bad_alloc when the request cannot be represented; what upstream throws,
  /// unchanged (not translated to std::bad_alloc). The arena is then unchanged.
  /// Requires: `align` is a power of two.
  void* allocate(std::size_t size, std::size_t align);

  /// Effects: as allocate().
  /// Returns: the memory, or nullptr where allocate() would throw, whatever it would throw.
  void* try_allocate(std::size_t size, std::size_t align) noexcept;

  /// Effects: constructs a T from `args...` (forwarded) in arena memory.
  /// Returns: a reference to it, valid until reset() or destruction.
  /// Throws: what allocate() or T's constructor throws (the memory is then wasted, not freed).
  /// Requires: T is trivially destructible, since the arena never runs destructors.
  template <class T, class... Args>
  T& alloc(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>,
                  "BumpArena never runs destructors: store only trivially destructible types "
                  "(a TypedArena, exercise 12, runs them)");
    void* memory = allocate(sizeof(T), alignof(T));
    return *::new (memory) T(std::forward<Args>(args)...);
  }

  /// Effects: copies the elements of `src` into arena memory (bumpalo's alloc_slice_copy).
  /// Returns: the copy. Empty when `src` is empty, with a non-null data() aligned for T
  /// (a size-0 request).
  /// Throws: what allocate() throws.
  template <class T>
  std::span<T> alloc_slice_copy(std::span<const T> src) {
    static_assert(std::is_trivially_copyable_v<T>,
                  "alloc_slice_copy copies bytes: T must be trivially copyable");
    auto* dst = static_cast<T*>(allocate(src.size_bytes(), alignof(T)));
    if (!src.empty()) std::memcpy(dst, src.data(), src.size_bytes());
    return {dst, src.size()};
  }

  /// Effects: constructs `count` elements in arena memory, element i from `make(i)`
  /// (bumpalo's alloc_slice_fill_with).
  /// Returns: the elements; for count 0, an empty span whose data() is non-null and aligned
  /// for T (a size-0 request), and `make` is never called.
  /// Throws: std::bad_alloc when count * sizeof(T) overflows (before calling `make`), what
  /// allocate() or `make` throws.
  /// Requires: T is trivially destructible.
  template <class T, class F>
  std::span<T> alloc_slice_fill_with(std::size_t count, F&& make) {
    static_assert(std::is_trivially_destructible_v<T>,
                  "BumpArena never runs destructors: T must be trivially destructible");
    static_assert(std::is_invocable_r_v<T, F&, std::size_t>, "make(i) must return a T");
    if (count > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_alloc();
    auto* dst = static_cast<T*>(allocate(count * sizeof(T), alignof(T)));
    for (std::size_t i = 0; i < count; ++i) ::new (dst + i) T(make(i));
    return {dst, count};
  }

  /// Effects: keeps the largest chunk (rewound, and made the current chunk; of chunks of
  /// equal size, the one taken last) and returns every other chunk upstream. Everything handed out
  /// before is invalid afterwards. The size of the next chunk of the doubling sequence does not
  /// change.
  void reset() noexcept;

  /// Returns: the bytes of all chunks held from upstream (chunk bookkeeping included).
  std::size_t allocated_bytes() const noexcept;
  /// Returns: the bytes handed out since construction or reset(), alignment padding
  /// included; the unused tail of a chunk the arena moved on from is not counted.
  std::size_t used_bytes() const noexcept;
  /// Returns: the number of chunks held from upstream.
  std::size_t chunk_count() const noexcept;

 private:
  // The bookkeeping of one chunk, stored in its top bytes (bumpalo's "footer"). The bump
  // pointer starts right below it and moves down towards `start`.
  struct alignas(chunk_alignment) ChunkFooter {
    std::byte* start;   // lowest address of the chunk: what upstream returned
    std::byte* ptr;     // the lowest byte handed out; the next allocation ends here
    ChunkFooter* next;  // the next chunk held, in no particular order
    std::size_t bytes;  // the size given to upstream, footer included
    std::size_t align;  // the alignment given to upstream

    std::byte* top() noexcept { return reinterpret_cast<std::byte*>(this); }
  };

  static void* bump_down(ChunkFooter& chunk, std::size_t size, std::size_t align) noexcept;
  void* allocate_in_new_chunk(std::size_t size, std::size_t align);
  ChunkFooter* new_chunk(std::size_t bytes, std::size_t align);
  void release(ChunkFooter* chunk) noexcept;

  std::pmr::memory_resource* upstream_;
  ChunkFooter* chunks_ = nullptr;   // every chunk held
  ChunkFooter* current_ = nullptr;  // the chunk allocations bump in; nullptr before the first
  std::size_t next_chunk_bytes_;    // size of the next chunk of the doubling sequence
};

/// A std::pmr::memory_resource that allocates from a BumpArena, so standard pmr containers
/// can live in the arena. deallocate() is a no-op: the memory comes back at the arena's
/// reset() or destruction (like std::pmr::monotonic_buffer_resource).
class BumpResource : public std::pmr::memory_resource {
 public:
  /// Requires: `arena` outlives this resource and everything allocated through it.
  explicit BumpResource(BumpArena& arena) noexcept : arena_(&arena) {}

  /// Returns: the arena this resource allocates from.
  BumpArena& arena() const noexcept { return *arena_; }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override;
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override;

  BumpArena* arena_;
};

}  // namespace mw
