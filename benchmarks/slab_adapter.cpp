// slab_adapter.cpp — size-class slab caches (exercise 13) and object pools (exercise 12)
// behind exercise 04's AllocatorUnderTest.
#include "slab_adapter.hpp"

#include <mimalloc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory_resource>
#include <new>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "object_pool.hpp"
#include "slab_cache.hpp"

namespace mw::bench {
namespace {

constexpr std::size_t smallest_class = 16;
constexpr std::size_t largest_class = 4096;
constexpr std::size_t class_count = std::countr_zero(largest_class / smallest_class) + 1;
// A pool takes its whole slab at once, so its size is what a class costs in footprint the
// moment it is first used: 64 KiB of blocks (at least 64) holds the live blocks of every
// shipped trace's busiest class, and an exhausted pool falls back to mimalloc.
constexpr std::size_t pool_bytes = std::size_t{64} << 10;
constexpr std::size_t min_pool_slots = 64;

/// Returns: the index of the class serving (size, align), or class_count when none does.
std::size_t class_of(std::size_t size, std::size_t align) noexcept {
  const std::size_t block = std::bit_ceil(std::max({size, align, smallest_class}));
  return block > largest_class ? class_count
                               : static_cast<std::size_t>(std::countr_zero(block / smallest_class));
}

/// The upstream of the slabs and pools: mimalloc's aligned entry points, named explicitly
/// because the process-wide malloc of a binary linking libmimalloc and libjemalloc is
/// whichever the dynamic linker met first.
class MimallocResource final : public std::pmr::memory_resource {
 public:
  /// Returns: the block of the latest allocate (a pool's slab, whose start it does not tell).
  std::byte* last_block() const noexcept { return last_block_; }

 private:
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    void* p = mi_malloc_aligned(bytes, align);
    if (p == nullptr) throw std::bad_alloc();
    last_block_ = static_cast<std::byte*>(p);
    return p;
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    mi_free_size_aligned(p, bytes, align);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::byte* last_block_ = nullptr;
};

/// Blocks that mimalloc serves directly (too large for a class, or a pool ran out), counted
/// for footprint() at the size mimalloc gives them (mi_usable_size), not the size asked for:
/// a 5000-byte request takes a 5120-byte block, and the difference is memory held.
class LargeBlocks {
 public:
  // A block grown step by step (a realloc chain: 512 bytes to 600 KB in 128-byte steps) is
  // copied each time it outgrows mimalloc's bin: 23 copies of up to the whole block from
  // 8 KB to 600 KB. Growing it by half its size at least copies it 9 times, at the cost of
  // up to a third of the block unused (counted in footprint()). Doubling measured slower:
  // more fresh pages to fault in.
  static constexpr std::size_t kGrowthDivisor = 2;

  void* allocate(std::size_t size, std::size_t align) noexcept {
    void* p = mi_malloc_aligned(size, align);
    if (p != nullptr) bytes_ += mi_usable_size(p);
    return p;
  }
  /// Effects: keeps the block while it has room; a block that outgrows its room moves (by
  /// mimalloc's own realloc) to one half as large again as it was. Shrinking is mimalloc's
  /// realloc, which keeps a block that is at least half used. Returns: the block, or nullptr
  /// (p kept).
  void* reallocate(void* p, std::size_t new_size, std::size_t align) noexcept {
    const std::size_t old_bytes = mi_usable_size(p);
    if (new_size > old_bytes) new_size = std::max(new_size, old_bytes + old_bytes / kGrowthDivisor);
    void* q = mi_realloc_aligned(p, new_size, align);
    if (q != nullptr) bytes_ = bytes_ - old_bytes + mi_usable_size(q);
    return q;
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept {
    bytes_ -= mi_usable_size(p);
    mi_free_size_aligned(p, size, align);
  }
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  std::size_t bytes_ = 0;
};

/// Effects: moves the block `p` of `old_size` into a new block of `new_size` from `a`,
/// copying what fits, then frees `p`. Returns: the new block, or nullptr (p kept).
void* move_block(AllocatorUnderTest& a, void* p, std::size_t old_size, std::size_t new_size,
                 std::size_t align) {
  void* q = a.allocate(new_size, align);
  if (q == nullptr) return nullptr;
  std::memcpy(q, p, std::min(old_size, new_size));
  a.deallocate(p, old_size, align);
  return q;
}

class SlabAllocator final : public AllocatorUnderTest {
 public:
  SlabAllocator() {
    for (std::size_t i = 0; i < class_count; ++i) {
      const std::size_t block = smallest_class << i;
      // Slabs of at least 16 objects, so the header costs little even for 4096-byte blocks.
      caches_[i].emplace(SlabOptions{.object_size = block,
                                     .object_align = block,
                                     .slab_bytes = std::max<std::size_t>(4096, 16 * block),
                                     .max_empty_slabs = 1},
                         &upstream_);
    }
  }

  const char* name() const noexcept override { return "slab"; }

  void* allocate(std::size_t size, std::size_t align) override {
    const std::size_t c = class_of(size, align);
    if (c == class_count) return large_.allocate(size, align);
    try {
      return caches_[c]->allocate();
    } catch (const std::bad_alloc&) {
      return nullptr;
    }
  }

  void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                   std::size_t align) override {
    const std::size_t old_class = class_of(old_size, align);
    const std::size_t new_class = class_of(new_size, align);
    if (new_class == old_class) {
      // The same slot already holds new_size bytes; a large block asks mimalloc.
      return new_class == class_count ? large_.reallocate(p, new_size, align) : p;
    }
    return move_block(*this, p, old_size, new_size, align);
  }

  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    const std::size_t c = class_of(size, align);
    if (c == class_count) {
      large_.deallocate(p, size, align);
    } else {
      caches_[c]->deallocate(p);  // no throw: the debug checks are off in this -DNDEBUG build
    }
  }

  void trim() noexcept override {
    for (auto& cache : caches_) cache->shrink();
  }

  std::size_t footprint() const noexcept override {
    std::size_t bytes = large_.bytes();
    for (const auto& cache : caches_) bytes += cache->stats().bytes_held;
    return bytes;
  }

 private:
  MimallocResource upstream_;  // declared first: the caches give their slabs back to it
  std::array<std::optional<SlabCache>, class_count> caches_;
  LargeBlocks large_;
};

/// A block of one size class for an ObjectPool. The user-provided constructor leaves the
/// bytes uninitialized, as malloc does (value-initialization would zero them).
template <std::size_t Bytes>
struct alignas(Bytes) Block {
  Block() {}
  std::byte bytes[Bytes];
};

/// The pool of one size class, and the handle of each slot it has handed out.
template <std::size_t Bytes>
class PoolClass {
 public:
  explicit PoolClass(MimallocResource& upstream)
      : pool_(std::max(min_pool_slots, pool_bytes / Bytes), &upstream),
        slab_(upstream.last_block()),
        handles_(pool_.capacity()) {}

  /// Returns: a block, or nullptr when the pool is exhausted.
  void* allocate() {
    auto handle = pool_.try_acquire();
    if (!handle) return nullptr;
    void* p = handle.get();
    handles_[index(p)] = std::move(handle);
    return p;
  }
  bool owns(const void* p) const noexcept {
    return p >= slab_ && p < slab_ + pool_.capacity() * sizeof(Block<Bytes>);
  }
  void deallocate(void* p) noexcept { handles_[index(p)].reset(); }
  /// Returns: the pool's slab and the table of handles, the two allocations it lives on.
  std::size_t bytes() const noexcept {
    return pool_.capacity() * (sizeof(Block<Bytes>) + sizeof(handles_[0]));
  }

 private:
  std::size_t index(const void* p) const noexcept {
    return static_cast<std::size_t>(static_cast<const std::byte*>(p) - slab_) /
           sizeof(Block<Bytes>);
  }

  mw::ObjectPool<Block<Bytes>> pool_;
  std::byte* slab_;  // the pool's one allocation: its slots, sizeof(Block) apart
  std::vector<typename mw::ObjectPool<Block<Bytes>>::Handle> handles_;
};

/// One PoolClass per size class, behind a pointer (a pool cannot move) that stays null until
/// the class's first allocation: a pool takes its whole slab up front, and a trace that never
/// asks for a class should not hold a megabyte for it.
template <class Classes>
struct PoolsOf;
template <std::size_t... I>
struct PoolsOf<std::index_sequence<I...>> {
  using type = std::tuple<std::unique_ptr<PoolClass<(smallest_class << I)>>...>;
};
using Pools = PoolsOf<std::make_index_sequence<class_count>>;

class PoolAllocator final : public AllocatorUnderTest {
 public:
  const char* name() const noexcept override { return "pool"; }

  void* allocate(std::size_t size, std::size_t align) override {
    void* p = nullptr;
    with_pool(pools_, class_of(size, align), [&](auto& pool) {
      using Pool = typename std::decay_t<decltype(pool)>::element_type;
      if (pool == nullptr) pool = std::make_unique<Pool>(upstream_);
      p = pool->allocate();
    });
    return p != nullptr ? p : large_.allocate(size, align);
  }

  void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                   std::size_t align) override {
    const std::size_t old_class = class_of(old_size, align);
    const std::size_t new_class = class_of(new_size, align);
    const bool pooled = owned(old_class, p);
    // A pooled block keeps its slot while the new size fits the class; a block mimalloc
    // holds (large, or from an exhausted pool) asks mimalloc when it stays large.
    if (pooled && new_class == old_class) return p;
    if (!pooled && new_class == class_count) return large_.reallocate(p, new_size, align);
    return move_block(*this, p, old_size, new_size, align);
  }

  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    const std::size_t c = class_of(size, align);
    if (owned(c, p)) {
      with_pool(pools_, c, [&](auto& pool) { pool->deallocate(p); });
    } else {
      large_.deallocate(p, size, align);
    }
  }

  std::size_t footprint() const noexcept override {
    std::size_t bytes = large_.bytes();
    std::apply([&](const auto&... pool) { ((bytes += pool ? pool->bytes() : 0), ...); }, pools_);
    return bytes;
  }

 private:
  /// Effects: calls f(the pointer to the pool of class c in `pools`, const when they are);
  /// nothing when c is class_count.
  template <class PoolTuple, class F>
  static void with_pool(PoolTuple& pools, std::size_t c, F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((c == I ? (f(std::get<I>(pools)), true) : false) || ...);
    }
    (std::make_index_sequence<class_count>());
  }

  /// Returns: whether `p` is a slot of the pool of class c (which exists).
  bool owned(std::size_t c, const void* p) const noexcept {
    bool pooled = false;
    with_pool(pools_, c, [&](const auto& pool) { pooled = pool != nullptr && pool->owns(p); });
    return pooled;
  }

  MimallocResource upstream_;  // declared first: the pools give their slabs back to it
  Pools::type pools_;
  LargeBlocks large_;
};

static_assert(!SlabCache::debug_checks,
              "the benchmarks build the slab cache with -DNDEBUG: deallocate must not throw");

}  // namespace

std::unique_ptr<AllocatorUnderTest> make_slab_allocator() {
  return std::make_unique<SlabAllocator>();
}

std::unique_ptr<AllocatorUnderTest> make_pool_allocator() {
  return std::make_unique<PoolAllocator>();
}

}  // namespace mw::bench
