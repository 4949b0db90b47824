// bump_arena.cpp — the chunk management of BumpArena and the BumpResource adapter.
#include "bump_arena.hpp"

#include <algorithm>

namespace mw {

namespace {

constexpr std::size_t round_up(std::size_t n, std::size_t align) {
  return (n + align - 1) & ~(align - 1);
}

}  // namespace

BumpArena::BumpArena(std::pmr::memory_resource* upstream, std::size_t first_chunk_bytes)
    : upstream_(upstream),
      // A multiple of chunk_alignment, so that the footer at the top of the chunk is aligned;
      // doubling keeps it one.
      next_chunk_bytes_(round_up(std::max(first_chunk_bytes, min_chunk_bytes), chunk_alignment)) {}

BumpArena::~BumpArena() {
  while (chunks_ != nullptr) {
    ChunkFooter* next = chunks_->next;
    release(chunks_);
    chunks_ = next;
  }
}

void* BumpArena::allocate(std::size_t size, std::size_t align) {
  if (current_ != nullptr) {
    if (void* p = bump_down(*current_, size, align)) return p;
  }
  return allocate_in_new_chunk(size, align);
}

void* BumpArena::try_allocate(std::size_t size, std::size_t align) noexcept {
  try {
    return allocate(size, align);
  } catch (...) {  // std::bad_alloc, or whatever else the upstream resource throws
    return nullptr;
  }
}

// The fast path, bumpalo's: subtract, round DOWN with a mask, compare. Going downward,
// rounding down is the only alignment step, and the result is also the returned pointer.
void* BumpArena::bump_down(ChunkFooter& chunk, std::size_t size, std::size_t align) noexcept {
  auto ptr = reinterpret_cast<std::uintptr_t>(chunk.ptr);
  auto start = reinterpret_cast<std::uintptr_t>(chunk.start);
  // Compare before subtracting: `ptr - size` would wrap around below address 0 for a huge
  // size and land high above `start`, looking like a fit.
  if (size > ptr - start) return nullptr;
  std::uintptr_t p = (ptr - size) & ~(std::uintptr_t{align} - 1);
  if (p < start) return nullptr;
  chunk.ptr -= ptr - p;  // Move the pointer itself, keeping it derived from the chunk.
  return chunk.ptr;
}

void* BumpArena::allocate_in_new_chunk(std::size_t size, std::size_t align) {
  constexpr std::size_t max = std::numeric_limits<std::size_t>::max();
  if (size > max - chunk_alignment - sizeof(ChunkFooter)) throw std::bad_alloc();
  // A chunk aligned to `align` (new_chunk sees to it) has room for the request when the
  // bytes below its footer are at least `size`: the rounded-down pointer cannot fall
  // below a start that is itself aligned to `align`.
  std::size_t needed = round_up(size, chunk_alignment) + sizeof(ChunkFooter);
  if (needed > next_chunk_bytes_) {
    // Too big for the doubling sequence: a chunk of its own, so the current chunk keeps
    // its free space and the sequence is not thrown off by one outlier.
    return bump_down(*new_chunk(needed, align), size, align);
  }
  ChunkFooter* chunk = new_chunk(next_chunk_bytes_, align);  // may throw: nothing changed yet
  current_ = chunk;
  if (next_chunk_bytes_ <= max / 2) next_chunk_bytes_ *= 2;
  return bump_down(*chunk, size, align);
}

BumpArena::ChunkFooter* BumpArena::new_chunk(std::size_t bytes, std::size_t align) {
  std::size_t chunk_align = std::max(align, chunk_alignment);
  auto* start = static_cast<std::byte*>(upstream_->allocate(bytes, chunk_align));
  auto* footer = ::new (start + bytes - sizeof(ChunkFooter))
      ChunkFooter{start, nullptr, chunks_, bytes, chunk_align};
  footer->ptr = footer->top();
  chunks_ = footer;
  return footer;
}

void BumpArena::release(ChunkFooter* chunk) noexcept {
  // Read everything out of the footer first: it lives inside the memory being returned.
  std::byte* start = chunk->start;
  std::size_t bytes = chunk->bytes;
  std::size_t align = chunk->align;
  upstream_->deallocate(start, bytes, align);
}

void BumpArena::reset() noexcept {
  ChunkFooter* largest = chunks_;
  for (ChunkFooter* c = chunks_; c != nullptr; c = c->next) {
    if (c->bytes > largest->bytes) largest = c;
  }
  while (chunks_ != nullptr) {
    ChunkFooter* next = chunks_->next;
    if (chunks_ != largest) release(chunks_);
    chunks_ = next;
  }
  if (largest != nullptr) {
    largest->next = nullptr;
    largest->ptr = largest->top();
  }
  chunks_ = current_ = largest;
}

std::size_t BumpArena::allocated_bytes() const noexcept {
  std::size_t bytes = 0;
  for (ChunkFooter* c = chunks_; c != nullptr; c = c->next) bytes += c->bytes;
  return bytes;
}

std::size_t BumpArena::used_bytes() const noexcept {
  std::size_t bytes = 0;
  for (ChunkFooter* c = chunks_; c != nullptr; c = c->next) bytes += c->top() - c->ptr;
  return bytes;
}

std::size_t BumpArena::chunk_count() const noexcept {
  std::size_t count = 0;
  for (ChunkFooter* c = chunks_; c != nullptr; c = c->next) ++count;
  return count;
}

void* BumpResource::do_allocate(std::size_t bytes, std::size_t alignment) {
  return arena_->allocate(bytes, alignment);
}

// Nothing to do: the arena gives memory back only all at once, at reset() or destruction.
void BumpResource::do_deallocate(void*, std::size_t, std::size_t) {}

// Memory from one resource can be "deallocated" by another when both use the same arena.
bool BumpResource::do_is_equal(const std::pmr::memory_resource& other) const noexcept {
  const auto* bump = dynamic_cast<const BumpResource*>(&other);
  return bump != nullptr && bump->arena_ == arena_;
}

}  // namespace mw
