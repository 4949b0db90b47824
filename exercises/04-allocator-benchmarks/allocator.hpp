// allocator.hpp — the one interface every allocator is replayed through, and its adapters.
//
// The harness never calls malloc, mi_malloc or mallocx directly: it talks to an
// AllocatorUnderTest, so the checker and the statistics are written once and every
// allocator is measured by the same code. The adapters call each library through its own
// explicit entry points (mimalloc's mi_*, jemalloc's mallocx family, glibc's malloc looked up
// inside libc.so.6), never through the process-wide `malloc`: libmimalloc.so and
// libjemalloc.so both export an unprefixed `malloc`, and whichever the dynamic linker meets
// first (the ASan runtime, under sanitizers) owns it for the whole process.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace mw::bench {

class AllocatorUnderTest {
 public:
  virtual ~AllocatorUnderTest() = default;

  /// Returns: a short name for tables ("glibc", "mimalloc", ...).
  virtual const char* name() const noexcept = 0;

  /// Returns: a block of at least `size` bytes aligned to `align`, or nullptr when out of memory.
  /// Requires: size > 0; `align` is a power of two.
  virtual void* allocate(std::size_t size, std::size_t align) = 0;

  /// Effects: like C's realloc: returns a block of `new_size` bytes holding the first
  /// min(old_size, new_size) bytes of `p` (which is released), or nullptr (and `p` is
  /// untouched) when out of memory.
  /// Requires: `p` came from this allocator with `old_size` and `align`; new_size > 0.
  virtual void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                           std::size_t align) = 0;

  /// Effects: releases `p`. Requires: `p` came from this allocator with `size` and `align`.
  virtual void deallocate(void* p, std::size_t size, std::size_t align) noexcept = 0;

  /// Effects: called after a replay, when no block is live: an arena rewinds to empty here
  /// (its only way to free); a general-purpose allocator does nothing. Timed with the replay.
  virtual void reset() noexcept {}

  /// Effects: gives cached memory back to the system where the allocator can (malloc_trim,
  /// mi_collect, a jemalloc purge), so that footprint() starts low before a usage pass.
  virtual void trim() noexcept {}

  /// Returns: the bytes the allocator holds from the system (or its upstream) right now,
  /// live or cached — the denominator of utilization.
  virtual std::size_t footprint() const noexcept = 0;
};

/// glibc's ptmalloc (malloc/memalign/realloc/free found in libc.so.6 by dlsym);
/// footprint from mallinfo2().
std::unique_ptr<AllocatorUnderTest> make_glibc_allocator();
/// mimalloc on a heap of its own (mi_heap_malloc_aligned, mi_heap_realloc_aligned,
/// mi_free_size_aligned); footprint is the committed part of that heap's pages.
std::unique_ptr<AllocatorUnderTest> make_mimalloc_allocator();
/// jemalloc through mallocx/rallocx/sdallocx; footprint is its "stats.active" bytes
/// (process-wide: exact when jemalloc is not also the process's malloc).
std::unique_ptr<AllocatorUnderTest> make_jemalloc_allocator();
/// The bump arena of exercise 03: deallocate does nothing, reallocate keeps a shrinking
/// block and copies a growing one into a new block, reset() resets the arena (keeping its
/// biggest chunk); footprint is the arena's allocated_bytes() (every chunk it holds).
std::unique_ptr<AllocatorUnderTest> make_bump_allocator();

/// Returns: glibc first (the baseline every ratio is taken against), then mimalloc,
/// jemalloc and the bump arena.
std::vector<std::unique_ptr<AllocatorUnderTest>> make_all_allocators();

}  // namespace mw::bench
