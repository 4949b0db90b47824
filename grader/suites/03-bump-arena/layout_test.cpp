// layout_test.cpp — where the arena puts things: alignment, direction, no overlap.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "support.hpp"

namespace {

using bump_suite::address;
using bump_suite::is_aligned;
using bump_suite::Request;
using mw::BumpArena;

// The constructor takes nothing from upstream; the first request takes exactly one chunk of
// first_chunk_bytes (kills: eager allocation, a header added on top of the chunk size).
TEST(Layout, FirstRequestTakesOneChunkOfTheFirstSize) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 2048);
  EXPECT_EQ(upstream.allocations(), 0u);
  void* p = arena.allocate(1, 1);
  EXPECT_EQ(upstream.sizes(), std::vector<std::size_t>{2048});
  EXPECT_TRUE(upstream.contains(p, 1));
  EXPECT_EQ(arena.chunk_count(), 1u);
}

// Consecutive small allocations sit directly below each other (kills: bumping upward,
// skipping bytes, a new chunk per allocation).
TEST(Layout, AllocationsGoDownwardWithinAChunk) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  auto* previous = static_cast<std::byte*>(arena.allocate(16, 8));
  for (int i = 0; i < 50; ++i) {
    auto* p = static_cast<std::byte*>(arena.allocate(16, 8));
    ASSERT_EQ(p, previous - 16) << "allocation " << i;
    previous = p;
  }
  EXPECT_EQ(upstream.allocations(), 1u);
}

// Each block ends at or below the previous one and the gap is less than its alignment:
// the pointer is rounded DOWN (kills: rounding up into the previous block, an off-by-one
// mask that over-pads).
TEST(Layout, PaddingIsRoundedDownAndLessThanTheAlignment) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  const std::vector<Request> requests = {{1, 1}, {8, 8},   {3, 1},  {32, 32}, {5, 4},
                                         {1, 1}, {2, 2},   {7, 64}, {1, 1},   {16, 16},
                                         {9, 8}, {1, 128}, {3, 2},  {100, 4}, {1, 1}};
  auto* previous = static_cast<std::byte*>(arena.allocate(1, 1));
  for (const auto& r : requests) {
    auto* p = static_cast<std::byte*>(arena.allocate(r.size, r.align));
    EXPECT_TRUE(is_aligned(p, r.align)) << r.size << " bytes aligned to " << r.align;
    ASSERT_LE(p + r.size, previous) << r.size << " bytes aligned to " << r.align;
    EXPECT_LT(static_cast<std::size_t>(previous - (p + r.size)), r.align)
        << r.size << " bytes aligned to " << r.align;
    previous = p;
  }
}

// Every power-of-two alignment from 1 to 4096 is honoured, for several sizes, and the
// memory lies inside a chunk (kills: wrong mask, alignments above max_align_t ignored).
TEST(Alignment, EveryPowerOfTwoUpTo4096) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  for (std::size_t align = 1; align <= 4096; align *= 2) {
    for (std::size_t size : {std::size_t{1}, std::size_t{7}, align, align * 3 / 2 + 1}) {
      void* p = arena.allocate(size, align);
      EXPECT_TRUE(is_aligned(p, align)) << size << " bytes aligned to " << align;
      ASSERT_TRUE(upstream.contains(p, size)) << size << " bytes aligned to " << align;
      std::memset(p, 0xAB, size);
    }
  }
}

// Alignments larger than the chunk's own, asked for in a chunk already in use, still land
// aligned and inside a chunk (kills: aligning down below the chunk start).
TEST(Alignment, LargerThanTheChunkAlignmentInAPartlyUsedChunk) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  arena.allocate(1, 1);
  for (int round = 0; round < 3; ++round) {
    for (std::size_t align : {32, 64, 256, 1024, 4096}) {
      void* p = arena.allocate(24, align);
      EXPECT_TRUE(is_aligned(p, align)) << "alignment " << align;
      EXPECT_TRUE(upstream.contains(p, 24)) << "alignment " << align;
    }
  }
}

// A 4096-aligned request of most of a chunk is served by one chunk, which must then be
// aligned to 4096 itself (kills: new chunks always aligned to max_align_t).
TEST(Alignment, LargerThanTheChunkAlignmentInAFreshChunk) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 4096);
  void* p = arena.allocate(3000, 4096);
  EXPECT_TRUE(is_aligned(p, 4096));
  EXPECT_TRUE(upstream.contains(p, 3000));
  EXPECT_EQ(upstream.allocations(), 1u);
}

// Thousands of random blocks (some larger than a chunk) keep the pattern written into
// them, lie inside chunks and never overlap (kills: overlap from any layout bug, a
// footer or header placed where blocks go, large requests squeezed into a chunk).
TEST(Overlap, RandomBlocksKeepTheirContents) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 1024);
  std::mt19937 random(2024);
  struct Block {
    unsigned char* p;
    std::size_t size;
    unsigned char pattern;
  };
  std::vector<Block> blocks;
  for (int i = 0; i < 3000; ++i) {
    std::size_t size = random() % 50 == 0 ? 3000 + random() % 20000 : 1 + random() % 300;
    std::size_t align = std::size_t{1} << (random() % 8);
    auto* p = static_cast<unsigned char*>(arena.allocate(size, align));
    ASSERT_TRUE(is_aligned(p, align));
    ASSERT_TRUE(upstream.contains(p, size)) << "block " << i;
    auto pattern = static_cast<unsigned char>(i * 31 + 7);
    std::memset(p, pattern, size);
    blocks.push_back({p, size, pattern});
  }
  for (const auto& b : blocks) {
    ASSERT_TRUE(std::all_of(b.p, b.p + b.size, [&](unsigned char c) { return c == b.pattern; }))
        << "a block was overwritten";
  }
  std::sort(blocks.begin(), blocks.end(),
            [](const Block& a, const Block& b) { return address(a.p) < address(b.p); });
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    ASSERT_LE(address(blocks[i - 1].p) + blocks[i - 1].size, address(blocks[i].p));
  }
}

// Single bytes written over every chunk, to its last usable byte, leave the chunk
// bookkeeping intact: every chunk goes back upstream as it came (kills: forgetting the
// header/footer space, so blocks overwrite it).
TEST(Overlap, ByteAtATimeFillsChunksWithoutTouchingBookkeeping) {
  mwtest::CountingResource upstream;
  {
    BumpArena arena(&upstream, 256);
    for (int i = 0; i < 20000; ++i) {
      auto* p = static_cast<unsigned char*>(arena.allocate(1, 1));
      ASSERT_TRUE(upstream.contains(p, 1)) << "byte " << i;
      *p = 0xFF;
    }
    EXPECT_EQ(arena.chunk_count(), upstream.live_blocks());
    EXPECT_EQ(arena.allocated_bytes(), upstream.live_bytes());
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty()) << bump_suite::errors_of(upstream);
}

}  // namespace
