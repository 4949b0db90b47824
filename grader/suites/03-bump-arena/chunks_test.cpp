// chunks_test.cpp — the chunks the arena takes from upstream: growth, large requests,
// reset, destruction and failure.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <memory_resource>
#include <stdexcept>
#include <vector>

#include "support.hpp"

namespace {

using bump_suite::allocate_all;
using bump_suite::allocate_until_chunks;
using bump_suite::errors_of;
using bump_suite::is_aligned;
using mw::BumpArena;

constexpr std::size_t size_max = std::numeric_limits<std::size_t>::max();

// Each new chunk of the sequence is twice the previous one (kills: a constant chunk size,
// growth by a fixed step).
TEST(Growth, ChunksDoubleInSize) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 1024);
  allocate_until_chunks(arena, upstream, 6, 64, 8);
  EXPECT_EQ(upstream.sizes(), (std::vector<std::size_t>{1024, 2048, 4096, 8192, 16384, 32768}));
  EXPECT_EQ(arena.chunk_count(), 6u);
}

// Requests just below, at and just above the chunk size are served inside one chunk
// (kills: the "does it fit a new chunk" test forgetting the header/footer bytes).
TEST(Growth, RequestsAroundTheChunkSizeAreServed) {
  for (std::size_t size = 4096 - 96; size <= 4096 + 16; size += 8) {
    for (std::size_t align : {8, 64}) {
      mwtest::CountingResource upstream;
      {
        BumpArena arena(&upstream, 4096);
        void* p = arena.allocate(size, align);
        ASSERT_NE(p, nullptr) << size << " bytes aligned to " << align;
        EXPECT_TRUE(is_aligned(p, align)) << size << " bytes aligned to " << align;
        ASSERT_TRUE(upstream.contains(p, size)) << size << " bytes aligned to " << align;
        std::memset(p, 0x5A, size);
      }
      EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
    }
  }
}

// A request too big for the next chunk gets a chunk of its own; the current chunk keeps
// serving small requests and the doubling goes on undisturbed (kills: making the big chunk
// current, growing the sequence to the big size, squeezing it into a normal chunk).
TEST(Large, RequestGetsItsOwnChunkAndTheCurrentChunkKeepsGoing) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 4096);
  auto* a = static_cast<std::byte*>(arena.allocate(16, 8));
  void* big = arena.allocate(100000, 8);
  auto* b = static_cast<std::byte*>(arena.allocate(16, 8));
  EXPECT_EQ(b, a - 16) << "the small request after a big one left the current chunk";
  ASSERT_EQ(upstream.allocations(), 2u);
  EXPECT_GE(upstream.sizes()[1], 100000u);
  EXPECT_LE(upstream.sizes()[1], 100000u + 4096u) << "the big chunk should fit the request";
  EXPECT_TRUE(upstream.contains(big, 100000));
  EXPECT_EQ(arena.chunk_count(), 2u);
  allocate_until_chunks(arena, upstream, 3, 16, 8);
  EXPECT_EQ(upstream.sizes()[2], 8192u) << "the big request changed the doubling sequence";
}

// A big request before any small one works too, and does not count as the first chunk
// (kills: assuming a current chunk exists).
TEST(Large, FirstRequestMayBeLarge) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 4096);
  void* big = arena.allocate(50000, 64);
  EXPECT_TRUE(is_aligned(big, 64));
  EXPECT_TRUE(upstream.contains(big, 50000));
  void* small = arena.allocate(8, 8);
  EXPECT_TRUE(upstream.contains(small, 8));
  ASSERT_EQ(upstream.allocations(), 2u);
  EXPECT_EQ(upstream.sizes()[1], 4096u);
}

// After reset() the same requests get the same addresses, with no upstream traffic
// (kills: reset not rewinding the bump pointer, reset freeing every chunk).
TEST(Reset, ReusesTheSameAddressesWithoutUpstream) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  const std::vector<bump_suite::Request> requests = {{1, 1},   {8, 8},    {24, 8}, {3, 1},
                                                     {64, 64}, {100, 16}, {2, 2}};
  const auto first = allocate_all(arena, requests);
  EXPECT_GT(arena.used_bytes(), 0u);
  arena.reset();
  EXPECT_EQ(arena.used_bytes(), 0u);
  EXPECT_EQ(allocate_all(arena, requests), first);
  EXPECT_EQ(upstream.allocations(), 1u);
  EXPECT_EQ(upstream.deallocations(), 0u);
}

// reset() keeps only the largest chunk, and the next requests are served from it
// (kills: keeping the smallest or first chunk, freeing all, not reusing the kept one).
TEST(Reset, KeepsOnlyTheLargestChunk) {
  mwtest::CountingResource upstream;
  {
    BumpArena arena(&upstream, 1024);
    allocate_until_chunks(arena, upstream, 3, 100, 4);  // chunks of 1024, 2048 and 4096
    arena.reset();
    EXPECT_EQ(arena.chunk_count(), 1u);
    EXPECT_EQ(arena.allocated_bytes(), 4096u);
    EXPECT_EQ(upstream.live_blocks(), 1u);
    EXPECT_EQ(upstream.live_bytes(), 4096u);
    EXPECT_EQ(upstream.deallocations(), 2u);
    for (int i = 0; i < 30; ++i) {
      void* p = arena.allocate(100, 4);
      EXPECT_TRUE(upstream.contains(p, 100));
    }
    EXPECT_EQ(upstream.allocations(), 3u) << "the kept chunk should have served these";
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// When a big request's own chunk is the largest, reset() keeps that one and bumps in it
// next (kills: keeping the current or newest chunk instead of the largest).
TEST(Reset, KeepsADedicatedChunkWhenItIsTheLargest) {
  mwtest::CountingResource upstream;
  {
    BumpArena arena(&upstream, 1024);
    arena.allocate(100, 8);
    arena.allocate(50000, 8);                           // a chunk of its own
    allocate_until_chunks(arena, upstream, 3, 100, 8);  // then the next chunk, 2048 bytes
    const std::size_t big_chunk = upstream.sizes()[1];
    arena.reset();
    EXPECT_EQ(upstream.live_blocks(), 1u);
    EXPECT_EQ(upstream.live_bytes(), big_chunk);
    void* p = arena.allocate(40000, 8);
    EXPECT_TRUE(upstream.contains(p, 40000));
    EXPECT_EQ(upstream.allocations(), 3u) << "the kept chunk should have served this";
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// Of two chunks of the same, largest size (two large requests of one size), reset() keeps
// the one taken last and bumps in it next (README rule 6). kills: keeping the first of equal
// chunks (a `>=` scan over a newest-first list, or a `>` scan over an oldest-first one).
TEST(Reset, KeepsTheChunkTakenLastOfEqualLargestOnes) {
  mwtest::CountingResource upstream;
  {
    BumpArena arena(&upstream, 1024);
    arena.allocate(100, 8);                   // the first chunk of the sequence
    void* older = arena.allocate(20000, 16);  // a chunk of its own
    void* newer = arena.allocate(20000, 16);  // another of the same size
    ASSERT_EQ(upstream.sizes()[1], upstream.sizes()[2]) << "equal requests, equal chunks";
    arena.reset();
    EXPECT_EQ(upstream.live_blocks(), 1u);
    EXPECT_TRUE(upstream.contains(newer, 20000)) << "the chunk taken last must be kept";
    EXPECT_FALSE(upstream.contains(older, 1)) << "the chunk taken first must be returned";
    void* p = arena.allocate(20000, 16);
    EXPECT_TRUE(upstream.contains(p, 20000));
    EXPECT_EQ(upstream.allocations(), 3u) << "the kept chunk should have served this";
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// reset() leaves the doubling sequence where it was, also when it keeps a large request's own
// chunk: the next chunk of the sequence is the one that would have come without the reset
// (README rule 6). kills: restarting the sequence from first_chunk_bytes, or going on doubling
// from the kept chunk.
TEST(Reset, LeavesTheDoublingSequenceWhereItWas) {
  mwtest::CountingResource upstream;
  {
    BumpArena arena(&upstream, 1024);
    allocate_until_chunks(arena, upstream, 3, 100, 8);  // chunks of 1024, 2048 and 4096
    void* big = arena.allocate(50000, 8);               // a chunk of its own, the largest
    arena.reset();
    ASSERT_TRUE(upstream.contains(big, 50000)) << "reset() must keep the largest chunk";
    allocate_until_chunks(arena, upstream, 5, 100, 8);  // fills the kept chunk, then one more
    ASSERT_EQ(upstream.allocations(), 5u);
    EXPECT_EQ(upstream.sizes()[4], 8192u) << "the next chunk of the sequence after 4096";
  }
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// Destruction returns every chunk — of the sequence, of big requests, over-aligned ones —
// with the size and alignment it was allocated with (kills: leaks, a fixed alignment or
// the usable size passed to deallocate).
TEST(Destruction, ReturnsEveryChunkWithItsSizeAndAlignment) {
  mwtest::CountingResource upstream;
  {
    BumpArena arena(&upstream, 512);
    arena.allocate(64, 4096);  // the first chunk, over-aligned
    for (int i = 0; i < 200; ++i) arena.allocate(40, 8);
    arena.allocate(30000, 2048);  // a chunk of its own, over-aligned
    for (int i = 0; i < 200; ++i) arena.allocate(40, 8);
  }
  EXPECT_GT(upstream.allocations(), 5u);
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_EQ(upstream.deallocations(), upstream.allocations());
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// When upstream throws, try_allocate returns nullptr, allocate throws std::bad_alloc and
// the arena is unchanged, doubling sequence included (kills: try_allocate letting the
// exception out, growth advanced by a failed attempt, a half-linked chunk).
TEST(Failure, UpstreamFailureLeavesTheArenaUnchanged) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream, 1024);
  arena.allocate(896, 16);  // most of the first chunk
  upstream.fail_allocations(true);
  EXPECT_EQ(arena.try_allocate(500, 8), nullptr);
  EXPECT_THROW(arena.allocate(500, 8), std::bad_alloc);
  EXPECT_EQ(arena.try_allocate(100000, 8), nullptr);
  EXPECT_EQ(arena.chunk_count(), 1u);
  EXPECT_EQ(arena.allocated_bytes(), 1024u);
  EXPECT_EQ(arena.used_bytes(), 896u);
  upstream.fail_allocations(false);
  void* p = arena.allocate(500, 8);
  EXPECT_TRUE(upstream.contains(p, 500));
  EXPECT_EQ(upstream.sizes(), (std::vector<std::size_t>{1024, 2048}));
}

/// An upstream that throws an exception of its own type instead of std::bad_alloc.
struct UpstreamDown : std::runtime_error {
  UpstreamDown() : std::runtime_error("upstream is down") {}
};
class DownResource : public std::pmr::memory_resource {
 public:
  explicit DownResource(std::pmr::memory_resource* upstream) : upstream_(upstream) {}
  bool down = false;

 private:
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    if (down) throw UpstreamDown();
    return upstream_->allocate(bytes, align);
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    upstream_->deallocate(p, bytes, align);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
  std::pmr::memory_resource* upstream_;
};

// allocate() lets upstream's own exception through unchanged and try_allocate() turns it into
// nullptr; the arena is unchanged (README rule 5). kills: catching upstream's exception and
// throwing std::bad_alloc instead, and a try_allocate that catches only std::bad_alloc.
TEST(Failure, UpstreamExceptionPassesThroughUnchanged) {
  mwtest::CountingResource counting;
  DownResource upstream(&counting);
  BumpArena arena(&upstream, 1024);
  arena.allocate(896, 16);
  upstream.down = true;
  EXPECT_THROW(arena.allocate(500, 8), UpstreamDown);
  EXPECT_THROW(arena.allocate(100000, 8), UpstreamDown) << "a chunk of its own";
  EXPECT_EQ(arena.try_allocate(500, 8), nullptr);
  EXPECT_EQ(arena.chunk_count(), 1u);
  EXPECT_EQ(arena.used_bytes(), 896u);
  upstream.down = false;
  void* p = arena.allocate(500, 8);
  EXPECT_TRUE(counting.contains(p, 500));
  EXPECT_EQ(counting.sizes(), (std::vector<std::size_t>{1024, 2048}));
}

// A huge size in a chunk in use fails cleanly instead of wrapping around below address
// zero and "fitting" (kills: checking `ptr - size < start` after the subtraction).
TEST(Overflow, HugeRequestDoesNotWrapBelowTheChunkStart) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  auto* p = static_cast<std::byte*>(arena.allocate(16, 8));
  upstream.fail_allocations(true);  // the only honest answer left is "no"
  const std::size_t below_zero = bump_suite::address(p) + 64;  // p - below_zero wraps
  EXPECT_EQ(arena.try_allocate(below_zero, 8), nullptr);
  EXPECT_EQ(arena.try_allocate(size_max / 2, 1), nullptr);
  EXPECT_THROW(arena.allocate(below_zero, 1), std::bad_alloc);
  upstream.fail_allocations(false);
  EXPECT_EQ(arena.allocate(16, 8), p - 16);
}

// Sizes whose chunk size cannot be represented are refused without asking upstream
// (kills: `size + header` wrapping around to a small chunk).
TEST(Overflow, SizeNearMaxIsRejectedBeforeUpstream) {
  mwtest::CountingResource upstream;
  BumpArena arena(&upstream);
  arena.allocate(1, 1);
  for (std::size_t size : {size_max, size_max - 15}) {
    EXPECT_THROW(arena.allocate(size, 8), std::bad_alloc) << size;
    EXPECT_EQ(arena.try_allocate(size, 4096), nullptr) << size;
  }
  EXPECT_EQ(upstream.allocations(), 1u);
}

}  // namespace
