// Hidden tests for mw::SmallVec growing: exact allocations (none inline, one to spill,
// geometric growth), relocation by move when it cannot throw and by copy when it may,
// objects that point at themselves, over-aligned elements.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <vector>

#include "fixture.hpp"
#include "small_vec.hpp"

namespace {

using Spill = SmallVecTest;
using Alignment = SmallVecTest;
using Reserve = SmallVecTest;

/// An element that holds its own address: a bytewise copy (memcpy, realloc) of it is caught
/// by ok(), as it would be for a real self-referential type (e.g. a small-string buffer).
class SelfRef {
 public:
  explicit SelfRef(int value) : self_(this), value_(value) {}
  SelfRef(const SelfRef& other) : self_(this), value_(other.value_) {}
  SelfRef(SelfRef&& other) noexcept : self_(this), value_(other.value_) {}
  SelfRef& operator=(const SelfRef& other) {
    value_ = other.value_;
    return *this;
  }
  ~SelfRef() { self_ = nullptr; }
  bool ok() const { return self_ == this; }
  int value() const { return value_; }

 private:
  SelfRef* self_;
  int value_;
};

struct alignas(64) Wide {
  explicit Wide(int v) : value(v) {}
  int value;
};

/// A memory_resource whose blocks have exactly the alignment asked for and never more (an odd
/// multiple of it), so a vector that asks for too small an alignment gets misaligned memory
/// instead of getting lucky with malloc's (or ASan's) usual generous alignment.
class ExactAlignmentResource : public std::pmr::memory_resource {
 public:
  explicit ExactAlignmentResource(std::pmr::memory_resource* upstream) : upstream_(upstream) {}

 private:
  // Take a block aligned to 2 * alignment and hand out the address `alignment` bytes in.
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    auto* base = static_cast<std::byte*>(upstream_->allocate(bytes + 2 * alignment, 2 * alignment));
    return base + alignment;
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    upstream_->deallocate(static_cast<std::byte*>(p) - alignment, bytes + 2 * alignment,
                          2 * alignment);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::pmr::memory_resource* upstream_;
};

// A vector after a one-byte member, where only alignas on the inline buffer keeps a
// 64-byte-aligned element aligned.
struct Holder {
  char tag = 0;
  mw::SmallVec<Wide, 3> v;
};

// The (N+1)-th element moves everything to ONE heap block of 2N elements from the given
// resource; kills growing by one, ignoring the resource, and staying inline.
TEST_F(Spill, FirstOverflowAllocatesOneBlockOfTwiceN) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 5);
  EXPECT_FALSE(v.is_inline());
  EXPECT_EQ(v.capacity(), 8u);
  EXPECT_EQ(counting.allocations(), 1u);
  EXPECT_EQ(counting.sizes(), std::vector<std::size_t>{8 * sizeof(Instrumented)});
  EXPECT_TRUE(counting.contains(v.data(), 5 * sizeof(Instrumented)));
  EXPECT_EQ(values(v), range(0, 5));
  EXPECT_EQ(alive(), 5);  // the inline originals were destroyed after relocation
}

// On the heap the capacity doubles, each old block is freed (with its own size), and the
// count of allocations is logarithmic; kills linear growth and leaked old blocks.
TEST_F(Spill, CapacityDoublesAndOldBlocksAreFreed) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 40);
  const auto s = sizeof(Instrumented);
  EXPECT_EQ(counting.sizes(), (std::vector<std::size_t>{8 * s, 16 * s, 32 * s, 64 * s}));
  EXPECT_EQ(counting.deallocations(), 3u);
  EXPECT_EQ(counting.live_blocks(), 1u);
  EXPECT_EQ(v.capacity(), 64u);
  EXPECT_EQ(values(v), range(0, 40));
  EXPECT_EQ(alive(), 40);
}

// reserve(n) past the capacity moves the elements to ONE block of exactly n elements, from an
// inline vector and from a spilled one (whose old block is freed); reserve(n) within the
// capacity changes nothing (README, reserve). kills: reserve rounding n up to the next
// doubling, as push_back grows, and reserve reallocating when n already fits.
TEST_F(Reserve, AllocatesExactlyTheBlockAskedFor) {
  mw::SmallVec<NothrowInstrumented, 4> v(&counting);
  fill(v, 0, 3);
  v.reserve(4);
  EXPECT_TRUE(v.is_inline()) << "4 elements fit inline";
  EXPECT_EQ(counting.allocations(), 0u);
  v.reserve(5);
  const auto s = sizeof(NothrowInstrumented);
  ASSERT_EQ(counting.sizes(), std::vector<std::size_t>{5 * s});
  EXPECT_FALSE(v.is_inline());
  EXPECT_EQ(v.capacity(), 5u);
  EXPECT_EQ(values(v), range(0, 3));
  const void* data = v.data();
  v.reserve(5);
  v.reserve(2);
  EXPECT_EQ(counting.allocations(), 1u) << "reserve(n) with n <= capacity() allocates nothing";
  EXPECT_EQ(v.data(), data);
  v.reserve(11);
  ASSERT_EQ(counting.sizes(), (std::vector<std::size_t>{5 * s, 11 * s}));
  EXPECT_EQ(v.capacity(), 11u);
  EXPECT_EQ(counting.live_blocks(), 1u) << "the old block is freed";
  fill(v, 3, 11);
  EXPECT_EQ(counting.allocations(), 2u) << "11 elements fit in the reserved block";
  EXPECT_EQ(values(v), range(0, 11));
  EXPECT_EQ(alive(), 11);
}

// Spilling a type whose move constructor may throw COPIES the old elements (so a throw
// leaves them intact) and moves only the new rvalue in; kills relocating with std::move and
// with memcpy (no copy counted).
TEST_F(Spill, CopiesElementsWhoseMoveMayThrow) {
  mw::SmallVec<Instrumented, 4> v(&counting);
  fill(v, 0, 4);
  Instrumented extra(4);
  mwtest::life_counts().copies = mwtest::life_counts().moves = 0;
  v.push_back(std::move(extra));
  EXPECT_EQ(copies(), 4u);
  EXPECT_EQ(moves(), 1u);
  EXPECT_EQ(values(v), range(0, 5));
  fill(v, 5, 9);  // the heap-to-heap growth relocates the same way
  EXPECT_EQ(copies(), 4u + 8u);
  EXPECT_EQ(moves(), 1u);
  EXPECT_EQ(alive(), 10);  // 9 in v, plus the moved-from `extra`
}

// Spilling a type whose move constructor is noexcept MOVES the old elements (no copies);
// kills always copying and relocating with memcpy.
TEST_F(Spill, MovesElementsWhoseMoveIsNoexcept) {
  mw::SmallVec<NothrowInstrumented, 4> v(&counting);
  fill(v, 0, 4);
  const NothrowInstrumented extra(4);
  mwtest::life_counts().copies = mwtest::life_counts().moves = 0;
  v.push_back(extra);
  EXPECT_EQ(copies(), 1u);  // the new element, from the const lvalue
  EXPECT_EQ(moves(), 4u);
  EXPECT_EQ(values(v), range(0, 5));
  fill(v, 5, 9);
  EXPECT_EQ(copies(), 1u);
  EXPECT_EQ(moves(), 4u + 8u);
  EXPECT_EQ(alive(), 10);
}

// Elements that hold their own address are still valid after spilling and growing, and
// after inline and heap moves of the vector; kills memcpy relocation of non-trivially-copyable
// elements (the copies point at the old slots).
TEST_F(Spill, SelfReferentialElementsSurviveRelocation) {
  mw::SmallVec<SelfRef, 3> v(&counting);
  for (int i = 0; i < 3; ++i) v.emplace_back(i);
  mw::SmallVec<SelfRef, 3> moved_inline(std::move(v));
  for (int i = 3; i < 20; ++i) moved_inline.emplace_back(i);
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(moved_inline[i].ok()) << "element " << i;
    EXPECT_EQ(moved_inline[i].value(), i);
  }
}

// An over-aligned element is aligned in the inline buffer (even after a 1-byte member) and
// on the heap; kills an inline buffer without alignas(T) (UBSan: misaligned construction)
// and heap blocks requested with the default alignment instead of alignof(T).
TEST_F(Alignment, OverAlignedElementsInlineAndOnTheHeap) {
  ExactAlignmentResource exact(&counting);
  Holder holder{0, mw::SmallVec<Wide, 3>(&exact)};
  for (int i = 0; i < 3; ++i) holder.v.emplace_back(i);
  ASSERT_TRUE(holder.v.is_inline());
  for (const Wide& w : holder.v) EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&w) % 64, 0u);
  for (int i = 3; i < 10; ++i) holder.v.emplace_back(i);
  ASSERT_FALSE(holder.v.is_inline());
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&holder.v[i]) % 64, 0u);
    EXPECT_EQ(holder.v[i].value, i);
  }
}

}  // namespace
