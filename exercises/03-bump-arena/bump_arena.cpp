// bump_arena.cpp — the chunk management of BumpArena and the BumpResource adapter.
//
// Read the README first: it gives the exact chunk sizes and the order of the steps.
// Functions marked noexcept cannot throw MW_TODO's exception: reaching one of them
// unfinished stops the test program (std::terminate), naming the function.
#include "bump_arena.hpp"

#include <algorithm>

namespace mw {

BumpArena::BumpArena(std::pmr::memory_resource* upstream, std::size_t first_chunk_bytes)
    : upstream_(upstream), next_chunk_bytes_(first_chunk_bytes) {
  // TODO: raise next_chunk_bytes_ to at least min_chunk_bytes and round it up to a multiple
  // of chunk_alignment, so the footer at the top of every chunk is aligned. Take no chunk.
  MW_TODO();
}

BumpArena::~BumpArena() {
  // TODO: give every chunk back: upstream_->deallocate(start, bytes, align), with exactly
  // the size and alignment it was allocated with. Read them before you free the footer!
}

void* BumpArena::allocate(std::size_t size, std::size_t align) {
  // TODO: try bump_down in the current chunk (if there is one); otherwise
  // allocate_in_new_chunk. Let what upstream throws pass through unchanged.
  MW_TODO();
}

void* BumpArena::try_allocate(std::size_t size, std::size_t align) noexcept {
  // TODO: allocate(), turning any exception into nullptr.
  MW_TODO();
}

void* BumpArena::bump_down(ChunkFooter& chunk, std::size_t size, std::size_t align) noexcept {
  // TODO: with integers: if size is more than ptr - start, it does not fit (check BEFORE
  // subtracting). Otherwise p = (ptr - size) rounded DOWN to `align`; if p < start it does
  // not fit. Return nullptr when it does not fit, else move chunk.ptr down to p, return it.
  MW_TODO();
}

void* BumpArena::allocate_in_new_chunk(std::size_t size, std::size_t align) {
  // TODO: throw std::bad_alloc if the chunk size would overflow. A chunk of (write round_up)
  // round_up(size, chunk_alignment) + sizeof(ChunkFooter) bytes, aligned to `align`, fits the
  // request. If that is more than next_chunk_bytes_, give the request a chunk of exactly that
  // size and leave current_ alone. Otherwise take a chunk of next_chunk_bytes_, make it
  // current and double next_chunk_bytes_ — only after upstream succeeded.
  MW_TODO();
}

BumpArena::ChunkFooter* BumpArena::new_chunk(std::size_t bytes, std::size_t align) {
  // TODO: take `bytes` from upstream_, aligned to max(align, chunk_alignment); construct the
  // footer in the top sizeof(ChunkFooter) bytes; its ptr starts at the footer itself; link
  // it into chunks_.
  MW_TODO();
}

void BumpArena::release(ChunkFooter* chunk) noexcept {
  // TODO: deallocate the chunk upstream with the size and alignment it was allocated with.
  MW_TODO();
}

void BumpArena::reset() noexcept {
  // TODO: find the largest chunk (of equal ones, the one taken last), release every other
  // one, rewind the largest (ptr back to its top) and make it the only and current chunk.
  MW_TODO();
}

std::size_t BumpArena::allocated_bytes() const noexcept {
  // TODO: the sum of the chunk sizes held.
  MW_TODO();
}

std::size_t BumpArena::used_bytes() const noexcept {
  // TODO: the sum over the chunks of (top - ptr).
  MW_TODO();
}

std::size_t BumpArena::chunk_count() const noexcept {
  // TODO: the number of chunks held.
  MW_TODO();
}

void* BumpResource::do_allocate(std::size_t bytes, std::size_t alignment) {
  // TODO: allocate from the arena.
  MW_TODO();
}

void BumpResource::do_deallocate(void*, std::size_t, std::size_t) {
  // TODO: decide what freeing one block means for an arena, and write a comment saying why.
}

bool BumpResource::do_is_equal(const std::pmr::memory_resource& other) const noexcept {
  // TODO: true when `other` is a BumpResource over the same arena (memory from one can then
  // be handed to the other's deallocate).
  MW_TODO();
}

}  // namespace mw
