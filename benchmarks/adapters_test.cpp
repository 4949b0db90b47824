// adapters_test — the allocators of mdriver against every shipped trace, and their realloc.
//
// Every measurement runs in a forked child (in_child.hpp), as in mdriver: a heap grown by
// an earlier pass in the same process would make a later footprint look smaller than it is.
#include <gtest/gtest.h>
#include <mimalloc.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "allocator.hpp"
#include "in_child.hpp"
#include "slab_adapter.hpp"
#include "stats.hpp"
#include "trace.hpp"

namespace {

using namespace mw::bench;
using Factory = std::unique_ptr<AllocatorUnderTest> (*)();

constexpr Factory factories[] = {make_glibc_allocator,    make_mimalloc_allocator,
                                 make_jemalloc_allocator, make_bump_allocator,
                                 make_slab_allocator,     make_pool_allocator};
constexpr std::size_t align = alignof(std::max_align_t);
constexpr std::size_t small_block = 100;   // the 128-byte class of slab and pool
constexpr std::size_t large_block = 8000;  // above the largest class: mimalloc's

std::vector<std::filesystem::path> shipped_traces() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(MW_TRACES_DIR)) {
    if (entry.path().extension() == ".rep") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

/// Returns: whether reallocating a block of `from` bytes to `to` bytes keeps its address,
/// the contents surviving, on a fresh allocator of `make`.
bool stays_in_place(Factory make, std::size_t from, std::size_t to) {
  const auto allocator = make();
  void* p = allocator->allocate(from, align);
  std::memset(p, 0x5a, from);
  void* q = allocator->reallocate(p, from, to, align);
  const bool kept = static_cast<unsigned char*>(q)[std::min(from, to) - 1] == 0x5a;
  allocator->deallocate(q, to, align);
  return kept && q == p;
}

// Every shipped trace (ours and malloc-lab's) on every allocator has 0 < utilization <= 100 %
// (kills: pools built eagerly in the constructor, whose slabs the baseline swallows, and a
// reallocate that returns p for any growth, whose payload then outgrows the footprint).
TEST(Footprint, UtilizationOfEveryTraceOnEveryAllocatorIsAFraction) {
  const auto traces = shipped_traces();
  ASSERT_GE(traces.size(), 7u);
  for (const auto& path : traces) {
    const Trace trace = load_trace(path);
    for (const Factory make : factories) {
      const auto usage = in_child<Usage>([&] { return measure_usage(trace, *make()); });
      ASSERT_TRUE(usage) << trace.name << ": the measuring child failed";
      const std::string name = make()->name();
      EXPECT_GT(utilization(*usage), 0) << name << " on " << trace.name;
      EXPECT_LE(usage->peak_payload, usage->peak_footprint) << name << " on " << trace.name;
    }
  }
}

// A large block counts in footprint() at the size mimalloc gave it, through allocate and a
// growing reallocate (kills: counting the requested size, as LargeBlocks did; a large block
// left out of footprint(); a reallocate that does not count the growth).
TEST(Footprint, LargeBlockCountsAtItsUsableSize) {
  for (const Factory make : {make_slab_allocator, make_pool_allocator}) {
    const auto allocator = make();
    void* p = allocator->allocate(large_block + 1, align);
    EXPECT_EQ(allocator->footprint(), mi_usable_size(p)) << allocator->name();
    EXPECT_GT(mi_usable_size(p), large_block + 1) << "pick a size mimalloc rounds up";
    void* q = allocator->reallocate(p, large_block + 1, 4 * large_block, align);
    EXPECT_EQ(allocator->footprint(), mi_usable_size(q)) << allocator->name();
    allocator->deallocate(q, 4 * large_block, align);
    EXPECT_EQ(allocator->footprint(), 0u) << allocator->name();
  }
}

// A block that grows inside its size class keeps its slot in the slab and the pool adapters
// (kills: move_block on every reallocate).
TEST(Realloc, GrowthInsideTheClassStaysInPlace) {
  EXPECT_TRUE(stays_in_place(make_slab_allocator, small_block, small_block + 20));
  EXPECT_TRUE(stays_in_place(make_pool_allocator, small_block, small_block + 20));
}

// A large block goes through mimalloc's own realloc, which keeps a block that shrinks by less
// than half (kills: allocate + copy + free for large blocks, which always moves).
TEST(Realloc, LargeBlockUsesMimallocsRealloc) {
  EXPECT_TRUE(stays_in_place(make_slab_allocator, large_block, large_block - 1000));
  EXPECT_TRUE(stays_in_place(make_pool_allocator, large_block, large_block - 1000));
}

/// Returns: how many times a large block grown from `large_block` to `to` bytes in
/// `step`-byte reallocs (malloc-lab's realloc-bal pattern) moved, on a fresh `make`.
std::size_t moves_in_a_realloc_chain(Factory make, std::size_t to, std::size_t step) {
  const auto allocator = make();
  void* p = allocator->allocate(large_block, align);
  std::size_t moves = 0;
  std::size_t size = large_block;
  for (; size + step <= to; size += step) {
    void* q = allocator->reallocate(p, size, size + step, align);
    moves += q != p ? 1 : 0;
    p = q;
  }
  allocator->deallocate(p, size, align);
  return moves;
}

// A large block grown step by step moves 9 times between 8 KB and 600 KB, not at every
// mimalloc bin (kills: growing to the size asked for, 23 moves of up to the whole block
// each: 0.38x glibc on malloc-lab's realloc-bal with it, 0.50-0.56x without).
TEST(Realloc, AGrowingLargeBlockMovesLogarithmicallyOften) {
  constexpr std::size_t chain_end = 600'000;
  constexpr std::size_t chain_step = 128;
  constexpr std::size_t most_moves = 15;
  EXPECT_LE(moves_in_a_realloc_chain(make_slab_allocator, chain_end, chain_step), most_moves);
  EXPECT_LE(moves_in_a_realloc_chain(make_pool_allocator, chain_end, chain_step), most_moves);
}

// The bump arena keeps a shrinking block where it is (kills: a copy on every reallocate).
TEST(Realloc, BumpShrinksInPlace) {
  EXPECT_TRUE(stays_in_place(make_bump_allocator, large_block, small_block));
}

// A block that leaves its class moves, contents intact (kills: returning p for any growth).
TEST(Realloc, GrowthOutOfTheClassMovesWithTheContents) {
  const auto slab = make_slab_allocator();
  void* p = slab->allocate(small_block, align);
  std::memset(p, 0x5a, small_block);
  auto* q = static_cast<unsigned char*>(slab->reallocate(p, small_block, large_block, align));
  EXPECT_NE(static_cast<void*>(q), p);
  EXPECT_EQ(q[small_block - 1], 0x5a);
  slab->deallocate(q, large_block, align);
}

}  // namespace
