// free_list.hpp — a first-fit free-list allocator over a caller-provided buffer.
//
// Built for freestanding targets (no heap, no libc, no exceptions, no RTTI): it
// includes only freestanding headers and reports failure with nullptr. Every
// byte of bookkeeping lives inside the buffer itself.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mw {

/// A first-fit allocator over one buffer it does not own. Free blocks form a
/// singly linked list sorted by address, so a freed block finds its neighbours
/// in one walk and merges with both (coalescing), and freeing everything gives
/// back one block spanning the whole buffer.
///
/// Not thread-safe: guard it with a lock (or a critical section) if shared.
class FreeListAllocator {
 public:
  // TODO: once written, none of these functions throws: mark them noexcept
  // (the stub cannot, because its MW_TODO() throws to report what is missing).

  /// Effects: manages [buffer, buffer + bytes). The start is aligned up and the
  /// end trimmed down to `alignof(std::max_align_t)`; a buffer too small for one
  /// allocation (or a null one) leaves capacity() at 0 and every request fails.
  /// Requires: the buffer outlives the allocator and nothing else writes to it.
  /// Throws: nothing.
  FreeListAllocator(void* buffer, std::size_t bytes);

  // A copy would hand out the same bytes twice.
  FreeListAllocator(const FreeListAllocator&) = delete;
  FreeListAllocator& operator=(const FreeListAllocator&) = delete;

  /// Effects: reserves `size` bytes aligned to `align` from the lowest-addressed
  /// free block that can hold them (first fit). Blocks are cut in granules of
  /// alignof(std::max_align_t): the payload starts on one (or on `align` if
  /// larger) and spans `size` rounded up to whole granules, never to `align`;
  /// alignment padding goes in front of the header, as a free block. A
  /// zero-size request is served exactly as a one-byte request (one granule of
  /// payload, not a header-only block): the pointer is unique and must be
  /// deallocated.
  /// Returns: the payload, or nullptr when no free block fits (out of memory)
  /// or when `align` is not a power of two. The allocator stays usable.
  /// Throws: nothing.
  [[nodiscard]] void* allocate(std::size_t size, std::size_t align);

  /// Effects: returns the block of `p` to the free list and merges it with a
  /// free block directly before and/or after it. Does nothing if `p` is nullptr.
  /// Requires: `p` came from allocate() on this allocator and was not freed yet.
  /// Throws: nothing.
  void deallocate(void* p);

  /// Returns: the bytes managed after aligning the buffer: always
  /// free_bytes() + used_bytes().
  std::size_t capacity() const { return capacity_; }

  /// Returns: the bytes held by allocated blocks, headers and padding included.
  std::size_t used_bytes() const { return used_; }

  /// Returns: the bytes held by free blocks, headers included. O(free blocks).
  std::size_t free_bytes() const;

  /// Returns: the size of the largest free block, header included (0 if none).
  /// O(free blocks).
  std::size_t largest_free_block() const;

  /// Returns: how many free blocks there are: 1 when nothing is allocated
  /// (0 when capacity() is 0).
  /// O(free blocks).
  std::size_t free_block_count() const;

 private:
  // A free block starts with this node; its size covers the node itself.
  // TODO: keep the list sorted by address so deallocate() can find both
  // neighbours; an allocated block needs a small header of its own (before
  // the payload) that lets deallocate() recover the block's start and size.
  struct FreeBlock {
    std::size_t size;
    FreeBlock* next;  // the next free block, at a higher address
  };

  FreeBlock* head_ = nullptr;  // the lowest-addressed free block
  std::size_t capacity_ = 0;   // TODO: set by the constructor
  std::size_t used_ = 0;       // TODO: kept up to date by allocate() and deallocate()
};

}  // namespace mw
