// Visible tests for 05-nostd-allocator: a first look at what the hidden suite checks.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include "free_list.hpp"

namespace {

constexpr std::size_t kBytes = 4096;

// A fresh allocator is one free block spanning (almost) the whole buffer.
TEST(Visible, FreshAllocatorIsOneFreeBlock) {
  auto buffer = std::make_unique<std::byte[]>(kBytes);
  mw::FreeListAllocator a(buffer.get(), kBytes);
  EXPECT_EQ(a.free_block_count(), 1u);
  EXPECT_EQ(a.used_bytes(), 0u);
  EXPECT_EQ(a.free_bytes(), a.capacity());
  EXPECT_EQ(a.largest_free_block(), a.capacity());
}

// Allocations are aligned as asked and do not overlap.
TEST(Visible, AllocationsAreAlignedAndDisjoint) {
  auto buffer = std::make_unique<std::byte[]>(kBytes);
  mw::FreeListAllocator a(buffer.get(), kBytes);
  auto* p = static_cast<std::byte*>(a.allocate(100, 8));
  auto* q = static_cast<std::byte*>(a.allocate(100, 256));
  ASSERT_NE(p, nullptr);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(q) % 256, 0u);
  EXPECT_TRUE(p + 100 <= q || q + 100 <= p);
  EXPECT_EQ(a.used_bytes() + a.free_bytes(), a.capacity());
}

// Freeing everything merges the blocks back into one.
TEST(Visible, FreeingEverythingCoalesces) {
  auto buffer = std::make_unique<std::byte[]>(kBytes);
  mw::FreeListAllocator a(buffer.get(), kBytes);
  void* p = a.allocate(64, 8);
  void* q = a.allocate(64, 8);
  void* r = a.allocate(64, 8);
  a.deallocate(q);
  a.deallocate(p);
  a.deallocate(r);
  EXPECT_EQ(a.free_block_count(), 1u);
  EXPECT_EQ(a.largest_free_block(), a.capacity());
}

// Out of memory is nullptr, never an exception or a crash.
TEST(Visible, OutOfMemoryIsNullptr) {
  auto buffer = std::make_unique<std::byte[]>(kBytes);
  mw::FreeListAllocator a(buffer.get(), kBytes);
  EXPECT_EQ(a.allocate(2 * kBytes, 8), nullptr);
  EXPECT_NE(a.allocate(16, 8), nullptr);
}

}  // namespace
