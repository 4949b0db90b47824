// typed_test.cpp — byte accounting, typed allocation, slices and the pmr adapter.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <memory_resource>
#include <numeric>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using bump_suite::allocate_until_chunks;
using bump_suite::is_aligned;
using mw::BumpArena;
using mw::BumpResource;

// used_bytes() counts what was handed out plus alignment padding, exactly (kills: padding
// left out, sizes rounded up, counting from the wrong end).
TEST(Accounting, UsedBytesCountsPaddingExactly) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  const std::vector<bump_suite::Request> requests = {{1, 1}, {8, 8}, {1, 1},
                                                     {4, 4}, {2, 2}, {8, 8}};
  const std::vector<std::size_t> expected = {1, 16, 17, 24, 26, 40};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    arena.allocate(requests[i].size, requests[i].align);
    EXPECT_EQ(arena.used_bytes(), expected[i]) << "after request " << i;
  }
  EXPECT_EQ(arena.allocated_bytes(), 4096u);
  EXPECT_EQ(arena.chunk_count(), 1u);
}

// Across chunks, used_bytes() sums what each chunk handed out (not the tails left behind)
// and allocated_bytes() is exactly what upstream holds (kills: forgetting earlier chunks,
// counting a chunk's unused tail, reporting usable instead of allocated bytes).
TEST(Accounting, BytesAcrossChunks) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 1024);
  const std::size_t blocks = allocate_until_chunks(arena, upstream, 3, 96, 16);
  EXPECT_EQ(arena.used_bytes(), blocks * 96);
  EXPECT_EQ(arena.allocated_bytes(), 1024u + 2048u + 4096u);
  EXPECT_EQ(arena.chunk_count(), 3u);
  arena.allocate(20000, 16);  // a chunk of its own
  EXPECT_EQ(arena.used_bytes(), blocks * 96 + 20000);
  EXPECT_EQ(arena.allocated_bytes(), upstream.live_bytes());
  EXPECT_EQ(arena.chunk_count(), 4u);
}

// Copies or moves the constructor arguments exactly as passed.
struct Tagged {
  Tagged(const std::string& s, int& constructions) : length(s.size()), moved(false) {
    ++constructions;
  }
  Tagged(std::string&& s, int& constructions) : length(s.size()), moved(true) {
    std::string taken = std::move(s);
    ++constructions;
  }
  std::size_t length;
  bool moved;
};

struct alignas(64) Wide {
  Wide(double x, int y) : x(x), y(y) {}
  double x;
  int y;
};

// alloc<T> forwards its arguments (lvalues stay lvalues, rvalues are moved) and honours
// alignof(T) (kills: copying the arguments, allocating with a fixed alignment).
TEST(Alloc, ForwardsConstructorArgumentsAndAlignsTheObject) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  int constructions = 0;
  std::string text = "a string long enough to live on the heap, not in the object";
  Tagged& copied = arena.alloc<Tagged>(text, constructions);
  EXPECT_FALSE(copied.moved);
  EXPECT_EQ(copied.length, text.size());
  Tagged& moved = arena.alloc<Tagged>(std::move(text), constructions);
  EXPECT_TRUE(moved.moved);
  EXPECT_TRUE(text.empty()) << "the rvalue argument was not moved from";
  EXPECT_EQ(constructions, 2);
  EXPECT_NE(&copied, &moved);
  Wide& wide = arena.alloc<Wide>(1.5, 7);
  EXPECT_TRUE(is_aligned(&wide, 64));
  EXPECT_TRUE(upstream.contains(&wide, sizeof(Wide)));
  EXPECT_EQ(wide.x, 1.5);
  EXPECT_EQ(wide.y, 7);
}

struct alignas(32) Pair {
  double a;
  double b;
};

// alloc_slice_copy makes an aligned copy in the arena that is independent of its source
// (kills: returning a view of the source, ignoring alignof(T), mishandling empty input).
TEST(Slices, CopyIsIndependentOfTheSource) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  std::vector<int> source(100);
  std::iota(source.begin(), source.end(), 0);
  std::span<int> copy = arena.alloc_slice_copy<int>(source);
  ASSERT_EQ(copy.size(), source.size());
  EXPECT_TRUE(upstream.contains(copy.data(), copy.size_bytes()));
  EXPECT_TRUE(std::equal(copy.begin(), copy.end(), source.begin()));
  source[0] = -1;
  copy[1] = 42;
  EXPECT_EQ(copy[0], 0);
  EXPECT_EQ(source[1], 1);

  arena.allocate(1, 1);  // the next block is misaligned unless the copy aligns it
  const Pair pairs[] = {{1, 2}, {3, 4}, {5, 6}};
  std::span<Pair> pair_copy = arena.alloc_slice_copy<Pair>(pairs);
  ASSERT_EQ(pair_copy.size(), 3u);
  EXPECT_TRUE(is_aligned(pair_copy.data(), 32));
  EXPECT_EQ(pair_copy[2].b, 6);

  EXPECT_TRUE(arena.alloc_slice_copy<int>(std::span<const int>{}).empty());
}

// A size-0 request is an ordinary one: a non-null pointer aligned as asked, inside a chunk,
// the first chunk taken for it, only padding used; empty slices are size-0 requests with a
// non-null, aligned data() and make() never called (README rule 8). kills: returning nullptr
// (or an empty span with a null data()) for size 0, and serving size 0 without a chunk.
TEST(Slices, SizeZeroRequestsAndEmptySlicesGetAnAlignedPointer) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  void* p = arena.allocate(0, 64);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(is_aligned(p, 64));
  EXPECT_EQ(upstream.allocations(), 1u) << "a size-0 request takes the first chunk too";
  EXPECT_TRUE(upstream.contains(p, 0));
  EXPECT_LT(arena.used_bytes(), 64u) << "only the padding";
  const std::span<std::uint64_t> copy = arena.alloc_slice_copy<std::uint64_t>({});
  EXPECT_TRUE(copy.empty());
  ASSERT_NE(copy.data(), nullptr);
  EXPECT_TRUE(is_aligned(copy.data(), alignof(std::uint64_t)));
  bool called = false;
  const auto filled = arena.alloc_slice_fill_with<std::uint32_t>(0, [&](std::size_t) {
    called = true;
    return std::uint32_t{0};
  });
  EXPECT_TRUE(filled.empty());
  ASSERT_NE(filled.data(), nullptr);
  EXPECT_TRUE(is_aligned(filled.data(), alignof(std::uint32_t)));
  EXPECT_FALSE(called);
  EXPECT_EQ(arena.allocate(0, 1), arena.allocate(0, 1)) << "no byte is consumed";
  EXPECT_EQ(upstream.allocations(), 1u);
}

// alloc_slice_fill_with builds element i from make(i), in the arena.
TEST(Slices, FillWithBuildsEachElementFromItsIndex) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  auto squares =
      arena.alloc_slice_fill_with<std::uint64_t>(1000, [](std::size_t i) { return i * i; });
  ASSERT_EQ(squares.size(), 1000u);
  EXPECT_TRUE(is_aligned(squares.data(), alignof(std::uint64_t)));
  EXPECT_TRUE(upstream.contains(squares.data(), squares.size_bytes()));
  for (std::size_t i = 0; i < squares.size(); ++i) ASSERT_EQ(squares[i], i * i);
}

// A count whose byte size overflows is refused before anything is built (kills: count *
// sizeof(T) wrapping around to a tiny allocation that the loop then overruns).
TEST(Slices, FillWithRejectsACountWhoseBytesOverflow) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  arena.allocate(1, 1);
  bool called = false;
  const std::size_t count = std::numeric_limits<std::size_t>::max() / 8 + 2;  // * 8 wraps to 8
  EXPECT_THROW(arena.alloc_slice_fill_with<std::uint64_t>(count,
                                                          [&](std::size_t i) {
                                                            called = true;
                                                            return std::uint64_t{i};
                                                          }),
               std::bad_alloc);
  EXPECT_FALSE(called);
  EXPECT_EQ(upstream.allocations(), 1u);
}

// std::pmr containers on a BumpResource get their memory from the arena, alignment
// included, and deallocate gives nothing back (kills: forwarding to another resource,
// ignoring the alignment argument, "freeing" into the arena).
TEST(Pmr, ContainersAllocateFromTheArena) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  BumpResource resource(arena);
  {
    std::pmr::vector<int> numbers(&resource);
    for (int i = 0; i < 1000; ++i) numbers.push_back(i);
    std::pmr::string text("a string far too long for the small-string buffer", &resource);
    text += " and then some more";
    EXPECT_TRUE(upstream.contains(numbers.data(), numbers.size() * sizeof(int)));
    EXPECT_TRUE(upstream.contains(text.data(), text.size() + 1));
    EXPECT_EQ(numbers[999], 999);
    EXPECT_EQ(text.substr(0, 8), "a string");
  }
  const std::size_t used = arena.used_bytes();
  EXPECT_GE(used, 1000 * sizeof(int));
  void* p = resource.allocate(64, 256);
  EXPECT_TRUE(is_aligned(p, 256));
  EXPECT_TRUE(upstream.contains(p, 64));
  resource.deallocate(p, 64, 256);
  EXPECT_GE(arena.used_bytes(), used + 64);
}

// Two resources compare equal exactly when they allocate from the same arena (kills:
// comparing resource addresses, or calling every resource equal).
TEST(Pmr, ResourcesAreEqualWhenTheyShareAnArena) {
  mwtest::CountingResource upstream;
  BumpArena first(&upstream);
  BumpArena second(&upstream);
  BumpResource a(first);
  BumpResource also_a(first);
  BumpResource b(second);
  EXPECT_NE(a.allocate(8, 8),
            nullptr);  // reaches the learner's code before any noexcept function does
  EXPECT_TRUE(a.is_equal(also_a));
  EXPECT_TRUE(a == also_a);
  EXPECT_FALSE(a.is_equal(b));
  EXPECT_FALSE(a.is_equal(*std::pmr::new_delete_resource()));
}

}  // namespace
