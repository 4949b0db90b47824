// visible_test.cpp — a few of the behaviours the hidden suite grades, to read and to run.
// The hidden suite checks many more (growth, large requests, reset, overflow, accounting,
// failure) with an upstream resource that counts every chunk.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory_resource>
#include <vector>

#include <mwtest/counting_resource.hpp>

#include "bump_arena.hpp"

namespace {

bool is_aligned(const void* p, std::size_t align) {
  return reinterpret_cast<std::uintptr_t>(p) % align == 0;
}

// Memory comes back aligned, and each allocation sits below the previous one.
TEST(Visible, AllocationsAreAlignedAndGoDownward) {
  mwtest::CountingResource upstream;
  mw::BumpArena arena(&upstream);
  auto* first = static_cast<std::byte*>(arena.allocate(16, 8));
  auto* second = static_cast<std::byte*>(arena.allocate(16, 8));
  EXPECT_EQ(second, first - 16);
  void* page = arena.allocate(100, 4096);
  EXPECT_TRUE(is_aligned(page, 4096));
}

// alloc<T> constructs a T from the arguments; destructors are never run, so T must be
// trivially destructible.
TEST(Visible, AllocConstructsInPlace) {
  struct Point {
    Point(int x, int y) : x(x), y(y) {}
    int x;
    int y;
  };
  mw::BumpArena arena;
  Point& p = arena.alloc<Point>(3, 4);
  EXPECT_EQ(p.x, 3);
  EXPECT_EQ(p.y, 4);
}

// reset() rewinds the arena: the same requests get the same addresses, with no new chunk.
TEST(Visible, ResetReusesTheMemory) {
  mwtest::CountingResource upstream;
  mw::BumpArena arena(&upstream);
  void* before = arena.allocate(64, 16);
  arena.reset();
  EXPECT_EQ(arena.allocate(64, 16), before);
  EXPECT_EQ(upstream.allocations(), 1u);
}

// Destruction gives every chunk back to upstream.
TEST(Visible, DestructionReturnsEveryChunk) {
  mwtest::CountingResource upstream;
  {
    mw::BumpArena arena(&upstream, 1024);
    for (int i = 0; i < 1000; ++i) arena.allocate(24, 8);
    EXPECT_GT(upstream.allocations(), 1u);
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty());
}

// A BumpResource lets std::pmr containers live in the arena.
TEST(Visible, PmrVectorUsesTheArena) {
  mw::BumpArena arena;
  mw::BumpResource resource(arena);
  std::pmr::vector<int> numbers(&resource);
  for (int i = 0; i < 100; ++i) numbers.push_back(i);
  EXPECT_EQ(numbers[99], 99);
  EXPECT_GE(arena.used_bytes(), 100 * sizeof(int));
}

}  // namespace
