// Where blocks go: alignment, buffer bounds, odd requests, tiny and misaligned buffers.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "free_list.hpp"
#include "support.hpp"

namespace {

using mw::FreeListAllocator;
using mwtest05::Arena;
using mwtest05::LiveBlocks;
using mwtest05::stats_of;

using mwtest05::kArenaBytes;

// A fresh allocator is one free block covering the buffer, less at most the
// alignment trimmed from its ends (kills a wrong initial block size).
TEST(FreeList, FreshAllocatorIsOneFreeBlock) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  EXPECT_LE(a.capacity(), kArenaBytes);
  EXPECT_GE(a.capacity(), kArenaBytes - 64);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// Every power-of-two alignment up to 4096 is honoured, blocks stay inside the
// buffer and never overlap (kills align_up mistakes and header-in-payload bugs).
TEST(FreeList, AllocationsHonourEveryAlignmentUpTo4096) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  LiveBlocks live(arena);
  for (std::size_t align = 1; align <= 4096; align *= 2) {
    for (std::size_t size : {1, 7, 64, 100}) {
      void* p = a.allocate(size, align);
      ASSERT_NE(p, nullptr) << "size " << size << " align " << align;
      live.add(p, size, align);
    }
  }
  EXPECT_EQ(live.corrupted(), 0u);
}

// Padding inserted for large alignments comes back on free (kills recovering
// the block's size or start without the padding: bytes leak on every free).
TEST(FreeList, FreeingAfterHighAlignmentsRecoversThePadding) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  std::vector<void*> taken;
  for (std::size_t align = 64; align <= 4096; align *= 2) {
    taken.push_back(a.allocate(24, 8));  // leaves the next block misaligned
    taken.push_back(a.allocate(40, align));
    ASSERT_NE(taken.back(), nullptr) << "align " << align;
    ASSERT_TRUE(mwtest05::is_aligned(taken.back(), align));
  }
  for (void* p : taken) a.deallocate(p);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// A request for the whole capacity fails: the block header needs room too
// (kills a fit test that forgets the header).
TEST(FreeList, WholeCapacityRequestFailsBecauseOfTheHeader) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  EXPECT_EQ(a.allocate(a.capacity(), 1), nullptr);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// Requests just under the capacity either fail or fit entirely inside the
// buffer, and one with 64 bytes to spare succeeds (kills header or rounding
// bytes forgotten in the fit test: ASan sees the payload run off the end).
TEST(FreeList, RequestsNearCapacityStayInsideTheBuffer) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  for (std::size_t spare = 0; spare <= 64; ++spare) {
    const std::size_t size = a.capacity() - spare;
    void* p = a.allocate(size, 8);
    if (p == nullptr) continue;
    ASSERT_TRUE(arena.contains(p, size)) << "spare " << spare;
    std::memset(p, 0xA5, size);
    a.deallocate(p);
  }
  void* p = a.allocate(a.capacity() - 64, 8);
  EXPECT_NE(p, nullptr);
  a.deallocate(p);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// Sizes and alignments no block can meet return nullptr and change nothing
// (kills overflow in size + header + padding that wraps to a small request).
TEST(FreeList, ImpossibleRequestsReturnNullptr) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  const auto before = stats_of(a);
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  for (std::size_t size : {a.capacity() + 1, kMax, kMax - 7, kMax - 4095, kMax / 2 + 1}) {
    for (std::size_t align : {std::size_t{1}, std::size_t{16}, std::size_t{4096}}) {
      EXPECT_EQ(a.allocate(size, align), nullptr) << "size " << size << " align " << align;
    }
  }
  EXPECT_EQ(a.allocate(16, std::size_t{1} << (std::numeric_limits<std::size_t>::digits - 1)),
            nullptr);
  EXPECT_EQ(stats_of(a), before);
}

// An alignment that is zero or not a power of two is refused with nullptr.
TEST(FreeList, InvalidAlignmentReturnsNullptr) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  const auto before = stats_of(a);
  for (std::size_t align : {0, 3, 6, 24, 100, 4097}) {
    EXPECT_EQ(a.allocate(16, align), nullptr) << "align " << align;
  }
  EXPECT_EQ(stats_of(a), before);
}

// Zero-size requests get distinct, aligned, freeable pointers, like operator
// new(0) (kills returning the same pointer or a block of zero bytes).
TEST(FreeList, ZeroSizeRequestsGetDistinctPointers) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  LiveBlocks live(arena);
  void* p = a.allocate(0, 8);
  void* q = a.allocate(0, 8);
  live.add(p, 0, 8);
  live.add(q, 0, 8);
  EXPECT_NE(p, q);
  a.deallocate(q);
  a.deallocate(p);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// A size-0 request is a 1-byte request: the same block (its header and one granule of
// payload) in the same place, with the same statistics (README: the granule). kills: serving
// size 0 with a header-only block, whose pointer is the next block's header.
TEST(FreeList, ZeroSizeRequestsTakeTheBlockOfAOneByteRequest) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  for (std::size_t align : {1, 8, 16, 64, 4096}) {
    void* one = a.allocate(1, align);
    const auto one_stats = stats_of(a);
    void* after_one = a.allocate(8, 1);
    a.deallocate(after_one);
    a.deallocate(one);
    ASSERT_TRUE(mwtest05::is_one_whole_block(a));

    void* zero = a.allocate(0, align);
    EXPECT_EQ(zero, one) << "align " << align;
    EXPECT_EQ(stats_of(a), one_stats) << "align " << align;
    void* after_zero = a.allocate(8, 1);
    EXPECT_EQ(after_zero, after_one) << "the next block must start where it does after 1 byte";
    a.deallocate(after_zero);
    a.deallocate(zero);
    ASSERT_TRUE(mwtest05::is_one_whole_block(a));
  }
}

// Every payload starts on a granule, alignof(std::max_align_t), whatever `align` asks, and
// spans its size rounded up to whole granules; the padding a large alignment needs stays free
// in front, so a block's share of used_bytes() depends on its size alone (README: the
// granule). kills: rounding the payload up to the requested alignment instead of the granule.
TEST(FreeList, PayloadsAreRoundedToTheGranuleNotToTheAlignment) {
  constexpr std::size_t kGranule = alignof(std::max_align_t);
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  void* first = a.allocate(1, 1);
  ASSERT_NE(first, nullptr);
  const std::size_t one_granule = a.used_bytes();  // a header and one granule of payload
  a.deallocate(first);
  for (std::size_t align = 1; align <= 4096; align *= 2) {
    for (std::size_t size : {std::size_t{1}, kGranule - 1, kGranule, kGranule + 1, 2 * kGranule,
                             2 * kGranule + 1, std::size_t{100}, std::size_t{1000}}) {
      void* p = a.allocate(size, align);
      ASSERT_NE(p, nullptr) << "size " << size << " align " << align;
      EXPECT_TRUE(mwtest05::is_aligned(p, align < kGranule ? kGranule : align))
          << "size " << size << " align " << align << ": a payload starts on a granule";
      const std::size_t granules = (size + kGranule - 1) / kGranule;
      EXPECT_EQ(a.used_bytes(), one_granule + (granules - 1) * kGranule)
          << "size " << size << " align " << align << ": the payload is " << granules
          << " granule(s) of " << kGranule << " bytes";
      a.deallocate(p);
      ASSERT_TRUE(mwtest05::is_one_whole_block(a));
    }
  }
}

// deallocate(nullptr) does nothing.
TEST(FreeList, DeallocateNullptrIsANoOp) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  void* p = a.allocate(100, 8);
  const auto before = stats_of(a);
  a.deallocate(nullptr);
  EXPECT_EQ(stats_of(a), before);
  a.deallocate(p);
}

// Buffers too small for a header are handled without writing outside them
// (kills writing the first free block's header before checking the size, and
// `bytes - padding` underflowing on a buffer shorter than its padding).
TEST(FreeList, TinyBuffersAreSafe) {
  FreeListAllocator empty(nullptr, 0);
  EXPECT_EQ(empty.capacity(), 0u);
  EXPECT_EQ(empty.allocate(1, 1), nullptr);
  for (std::size_t offset : {0, 1, 7}) {
    for (std::size_t bytes = 0; bytes <= 48; ++bytes) {
      Arena arena(bytes, offset);
      FreeListAllocator a(arena.data(), bytes);
      const auto s = stats_of(a);
      ASSERT_LE(s.capacity, bytes) << "bytes " << bytes << " offset " << offset;
      ASSERT_EQ(s.free + s.used, s.capacity) << s;
      void* p = a.allocate(1, 1);
      if (p == nullptr) continue;
      ASSERT_TRUE(arena.contains(p, 1)) << "bytes " << bytes << " offset " << offset;
      *static_cast<unsigned char*>(p) = 1;
      a.deallocate(p);
    }
  }
}

// A 64-byte buffer serves a small request: per-block overhead is a header,
// not a page (kills a minimum block size or sentinel that eats small buffers).
TEST(FreeList, SmallBufferServesASmallRequest) {
  Arena arena(64);
  FreeListAllocator a(arena.data(), arena.size());
  LiveBlocks live(arena);
  void* p = a.allocate(8, 8);
  live.add(p, 8, 8);
  a.deallocate(p);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// A misaligned buffer start is aligned by the allocator: blocks stay aligned
// and inside [buffer, buffer + bytes) (kills aligning the start but not
// shortening the length, which runs the last block off the end).
TEST(FreeList, MisalignedBufferStartIsAligned) {
  for (std::size_t offset : {1, 3, 8, 15}) {
    Arena arena(4096, offset);
    FreeListAllocator a(arena.data(), arena.size());
    LiveBlocks live(arena);
    constexpr std::size_t kAlign = alignof(std::max_align_t);
    const auto taken = mwtest05::exhaust(a, kAlign);
    ASSERT_FALSE(taken.empty());
    for (const auto& [p, size] : taken) {
      live.add(p, size, kAlign);
      ASSERT_FALSE(HasFatalFailure()) << "offset " << offset;
    }
    for (const auto& [p, size] : taken) a.deallocate(p);
    EXPECT_TRUE(mwtest05::is_one_whole_block(a)) << "offset " << offset;
  }
}

}  // namespace
