// global_new.cpp — the replacement of every global operator new and delete.
//
// All twenty replaceable forms funnel into three functions:
//   counted_allocate    one allocation with a size header, counted; null on failure
//   allocate_or_throw   the standard's loop: retry after the new_handler, or throw bad_alloc
//   counted_deallocate  reads the header, counts and frees
// so a form cannot forget to count, and a block from any `new` form can be
// freed by the matching `delete` form with its header read the same way.
#include "global_new.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

// Process-wide counters. Atomics: many threads allocate at once, and a
// plain ++ would lose updates. Constant-initialized, so they work before main.
std::atomic<std::size_t> g_allocations{0};
std::atomic<std::size_t> g_deallocations{0};
std::atomic<std::size_t> g_bytes_allocated{0};
std::atomic<std::size_t> g_bytes_deallocated{0};

// This thread's counters. A trivial type: no constructor or destructor runs,
// so it is usable from operator new at any point of a thread's life.
thread_local mw::AllocStats t_stats;

// Stored just before the pointer handed out. It records what the caller asked
// for, so every delete form can count and free the block.
struct BlockHeader {
  std::size_t size;
  std::size_t alignment;
};

// The alignment of the underlying malloc'd block; also the distance from its
// start to the pointer handed out, which keeps that pointer aligned and leaves
// room for the header (16 >= sizeof(BlockHeader)).
std::size_t block_alignment(std::size_t alignment) noexcept {
  static_assert(sizeof(BlockHeader) <= alignof(std::max_align_t),
                "the header must fit in the smallest offset");
  return std::max(alignment, alignof(std::max_align_t));
}

BlockHeader* header_of(void* p) noexcept {
  return static_cast<BlockHeader*>(p) - 1;
}

// Returns: `size` bytes aligned to `alignment`, counted; nullptr on failure.
void* counted_allocate(std::size_t size, std::size_t alignment) noexcept {
  const std::size_t offset = block_alignment(alignment);
  if (size > SIZE_MAX - offset) return nullptr;  // offset + size would wrap
  void* block = nullptr;
  // posix_memalign, unlike aligned_alloc, takes any size, and a non-zero
  // total size gives a unique pointer even for `new` of size 0.
  if (posix_memalign(&block, offset, offset + size) != 0) return nullptr;
  void* p = static_cast<std::byte*>(block) + offset;
  *header_of(p) = BlockHeader{size, alignment};

  g_allocations.fetch_add(1, kRelaxed);
  g_bytes_allocated.fetch_add(size, kRelaxed);
  ++t_stats.allocations;
  t_stats.bytes_allocated += size;
  return p;
}

// Effects: counts and frees a block from counted_allocate; nothing for nullptr.
void counted_deallocate(void* p) noexcept {
  if (p == nullptr) return;
  const BlockHeader header = *header_of(p);
  g_deallocations.fetch_add(1, kRelaxed);
  g_bytes_deallocated.fetch_add(header.size, kRelaxed);
  ++t_stats.deallocations;
  t_stats.bytes_deallocated += header.size;
  std::free(static_cast<std::byte*>(p) - block_alignment(header.alignment));
}

// The behaviour the standard requires of a replaced operator new
// ([new.delete.single]): on failure call the installed new_handler (which may
// free memory, install another handler, or throw) and try again; with no
// handler installed, throw std::bad_alloc.
void* allocate_or_throw(std::size_t size, std::size_t alignment) {
  while (true) {
    if (void* p = counted_allocate(size, alignment)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

// The nothrow forms behave as if they called the throwing form and caught
// std::bad_alloc, so they also run the new_handler loop.
void* allocate_or_null(std::size_t size, std::size_t alignment) noexcept {
  try {
    return allocate_or_throw(size, alignment);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

constexpr std::size_t kDefault = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
std::size_t to_size(std::align_val_t alignment) noexcept {
  return static_cast<std::size_t>(alignment);
}

}  // namespace

namespace mw {

AllocStats global_stats() noexcept {
  return {g_allocations.load(kRelaxed), g_deallocations.load(kRelaxed),
          g_bytes_allocated.load(kRelaxed), g_bytes_deallocated.load(kRelaxed)};
}

AllocStats thread_stats() noexcept {
  return t_stats;
}

ScopedCounter::ScopedCounter() noexcept : start_(thread_stats()) {}

AllocStats ScopedCounter::stats() const noexcept {
  return thread_stats() - start_;
}

}  // namespace mw

// The replaceable forms ([new.delete]). Array forms get the size of the whole
// array (plus any cookie the compiler adds); sized forms get back the size
// that was allocated, which the header already knows, so they ignore it.

void* operator new(std::size_t size) {
  return allocate_or_throw(size, kDefault);
}
void* operator new[](std::size_t size) {
  return allocate_or_throw(size, kDefault);
}
void* operator new(std::size_t size, std::align_val_t al) {
  return allocate_or_throw(size, to_size(al));
}
void* operator new[](std::size_t size, std::align_val_t al) {
  return allocate_or_throw(size, to_size(al));
}

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, kDefault);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, kDefault);
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, to_size(al));
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, to_size(al));
}

void operator delete(void* p) noexcept {
  counted_deallocate(p);
}
void operator delete[](void* p) noexcept {
  counted_deallocate(p);
}
void operator delete(void* p, std::size_t) noexcept {
  counted_deallocate(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  counted_deallocate(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  counted_deallocate(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  counted_deallocate(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  counted_deallocate(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  counted_deallocate(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  counted_deallocate(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  counted_deallocate(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  counted_deallocate(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  counted_deallocate(p);
}
