// Freeing: merging with neighbours, first-fit reuse, out of memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <random>
#include <vector>

#include "free_list.hpp"
#include "support.hpp"

namespace {

using mw::FreeListAllocator;
using mwtest05::Arena;
using mwtest05::stats_of;

using mwtest05::kArenaBytes;

// Blocks of mixed sizes and alignments that fill most of a kArenaBytes buffer.
std::vector<void*> allocate_mixed(FreeListAllocator& a) {
  std::vector<void*> taken;
  for (std::size_t i = 0; i < 200; ++i) {
    void* p = a.allocate(16 + (i * 37) % 200, std::size_t{1} << (i % 8));
    EXPECT_NE(p, nullptr) << "allocation " << i;
    taken.push_back(p);
  }
  return taken;
}

/// Effects: allocates a mix of blocks, lets `arrange` reorder them, frees them all in that
/// order and checks that the allocator is one whole free block again.
template <class Arrange>
void expect_freeing_coalesces_to_one_block(Arrange arrange) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  std::vector<void*> taken = allocate_mixed(a);
  arrange(taken);
  for (void* p : taken) a.deallocate(p);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// Freeing in address order merges everything back into one block (kills
// coalescing only with the next block: each freed block follows a free one).
TEST(FreeList, FreeForwardCoalescesToOneBlock) {
  expect_freeing_coalesces_to_one_block(
      [](std::vector<void*>& taken) { std::sort(taken.begin(), taken.end()); });
}

// Freeing in reverse address order merges everything back into one block
// (kills coalescing only with the previous block).
TEST(FreeList, FreeBackwardCoalescesToOneBlock) {
  expect_freeing_coalesces_to_one_block([](std::vector<void*>& taken) {
    std::sort(taken.begin(), taken.end(), [](void* x, void* y) { return x > y; });
  });
}

// Freeing in a shuffled order merges everything back into one block (kills
// merging with only one side, or dropping a block whose both sides are free).
TEST(FreeList, FreeShuffledCoalescesToOneBlock) {
  expect_freeing_coalesces_to_one_block(
      [](std::vector<void*>& taken) { std::shuffle(taken.begin(), taken.end(), std::mt19937(5)); });
}

// Three adjacent 256-byte blocks x, y, z with no other free space; the test
// frees some of them and checks that only the merged hole can serve a request.
class Neighbours : public testing::Test {
 protected:
  static constexpr std::size_t kSize = 256;

  Neighbours() : arena_(4096), a_(arena_.data(), arena_.size()) {}

  void SetUp() override {
    for (void*& p : xyz_) {
      p = a_.allocate(kSize, 8);
      ASSERT_NE(p, nullptr);
    }
    ASSERT_TRUE(xyz_[0] < xyz_[1] && xyz_[1] < xyz_[2]) << "first fit fills from the bottom";
    guard_ = a_.allocate(kSize, 8);  // keeps z's upper neighbour allocated
    mwtest05::exhaust(a_);
    holes_ = a_.free_block_count();
  }

  Arena arena_;
  FreeListAllocator a_;
  void* xyz_[3] = {};
  void* guard_ = nullptr;
  std::size_t holes_ = 0;  // unusable free slivers left by exhaust()
};

// Freeing x then y merges y into the free block before it (kills coalescing
// only with the next block).
TEST_F(Neighbours, MergesWithThePreviousBlock) {
  a_.deallocate(xyz_[0]);
  a_.deallocate(xyz_[1]);
  EXPECT_EQ(a_.free_block_count(), holes_ + 1);
  EXPECT_NE(a_.allocate(2 * kSize, 8), nullptr);
}

// Freeing y then x merges x with the free block after it (kills coalescing
// only with the previous block).
TEST_F(Neighbours, MergesWithTheNextBlock) {
  a_.deallocate(xyz_[1]);
  a_.deallocate(xyz_[0]);
  EXPECT_EQ(a_.free_block_count(), holes_ + 1);
  EXPECT_NE(a_.allocate(2 * kSize, 8), nullptr);
}

// Freeing x and z, then y, joins all three into one block (kills merging
// with one side only, and losing the link to the block after z).
TEST_F(Neighbours, MergesWithBothNeighbours) {
  a_.deallocate(xyz_[0]);
  a_.deallocate(xyz_[2]);
  EXPECT_EQ(a_.free_block_count(), holes_ + 2);
  a_.deallocate(xyz_[1]);
  EXPECT_EQ(a_.free_block_count(), holes_ + 1);
  EXPECT_NE(a_.allocate(3 * kSize, 8), nullptr);
}

// The free block count follows the holes: two separate holes count twice,
// filling the gap between them merges three blocks into one.
TEST(FreeList, FreeBlockCountTracksHoles) {
  Arena arena(4096);
  FreeListAllocator a(arena.data(), arena.size());
  void* p[4];
  for (void*& q : p) q = a.allocate(128, 8);
  EXPECT_EQ(a.free_block_count(), 1u);  // the tail
  a.deallocate(p[0]);
  a.deallocate(p[2]);
  EXPECT_EQ(a.free_block_count(), 3u);
  a.deallocate(p[1]);
  EXPECT_EQ(a.free_block_count(), 2u);
  EXPECT_LT(a.largest_free_block(), a.free_bytes());
  a.deallocate(p[3]);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

// First fit: a request goes to the lowest-addressed free block that fits
// (kills an unordered free list, e.g. pushing freed blocks at the head).
TEST(FreeList, FirstFitTakesTheLowestFittingBlock) {
  Arena arena(4096);
  FreeListAllocator a(arena.data(), arena.size());
  void* p[4];
  for (void*& q : p) q = a.allocate(128, 8);
  a.deallocate(p[0]);
  a.deallocate(p[2]);  // a LIFO list would now hand out p[2] first
  EXPECT_EQ(a.allocate(128, 8), p[0]);
  EXPECT_EQ(a.allocate(128, 8), p[2]);
}

// The last free block is searched too: only it can hold a large request
// (kills a search loop that stops at the last node, `while (block->next)`).
TEST(FreeList, LastFreeBlockIsSearched) {
  Arena arena(4096);
  FreeListAllocator a(arena.data(), arena.size());
  void* small = a.allocate(64, 8);
  void* guard = a.allocate(64, 8);
  a.deallocate(small);
  ASSERT_EQ(a.free_block_count(), 2u);
  void* large = a.allocate(2048, 8);
  EXPECT_NE(large, nullptr);
  EXPECT_GT(large, guard);
}

// Out of memory is a nullptr, not a crash; nothing changes, and freeing one
// block makes its size available again.
TEST(FreeList, OutOfMemoryReturnsNullptrAndStaysUsable) {
  Arena arena(kArenaBytes);
  FreeListAllocator a(arena.data(), arena.size());
  const auto taken = mwtest05::exhaust(a);
  ASSERT_GT(taken.size(), 1u);
  const auto full = stats_of(a);
  EXPECT_EQ(a.allocate(1, 1), nullptr);
  EXPECT_EQ(a.allocate(kArenaBytes / 2, 64), nullptr);
  EXPECT_EQ(stats_of(a), full);
  a.deallocate(taken[0].p);
  void* again = a.allocate(taken[0].size, 1);
  EXPECT_EQ(again, taken[0].p);
  a.deallocate(again);
  for (std::size_t i = 1; i < taken.size(); ++i) a.deallocate(taken[i].p);
  EXPECT_TRUE(mwtest05::is_one_whole_block(a));
}

}  // namespace
