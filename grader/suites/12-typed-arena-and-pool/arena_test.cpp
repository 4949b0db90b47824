// arena_test.cpp — mw::TypedArena: stable references, geometric chunks counted exactly,
// alloc_extend, destruction order, iteration and exception safety.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory_resource>
#include <new>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

#include "support.hpp"
#include "typed_arena.hpp"

namespace {

using arena_suite::destruction_order;
using arena_suite::errors_of;
using arena_suite::iota_vector;
using arena_suite::Recorder;
using mw::TypedArena;
using mwtest::Instrumented;
using mwtest::life_counts;

/// The header a chunk may carry on top of its objects (the reference uses 32 bytes; the
/// README allows up to max(64, alignof(T))).
template <class T>
constexpr std::size_t max_header = std::max<std::size_t>(64, alignof(T));

/// Expects upstream's allocation `i` to be a chunk for exactly `capacity` objects of T
/// (plus at most max_header<T> bytes of bookkeeping).
template <class T>
void expect_chunk_capacity(const mwtest::CountingResource& upstream, std::size_t i,
                           std::size_t capacity) {
  const auto sizes = upstream.sizes();
  ASSERT_LT(i, sizes.size()) << "upstream was asked for only " << sizes.size() << " chunks";
  EXPECT_GE(sizes[i], capacity * sizeof(T)) << "chunk " << i << " should hold " << capacity;
  EXPECT_LE(sizes[i], capacity * sizeof(T) + max_header<T>)
      << "chunk " << i << " should hold " << capacity << " objects, not more";
}

// alloc forwards its arguments to T's constructor and takes nothing from upstream before the
// first object; the arena cannot be copied (kills: copying the arguments, eager chunks).
TEST(Alloc, ForwardsArgumentsAndAllocatesLazily) {
  static_assert(!std::is_copy_constructible_v<TypedArena<int>>, "an arena must not be copied");
  mwtest::CountingResource upstream;
  TypedArena<std::pair<std::string, int>> arena(&upstream, 4);
  EXPECT_EQ(upstream.allocations(), 0u) << "an empty arena allocates nothing";
  std::string text = "a string long enough to live on the heap, not in the object";
  auto& first = arena.alloc(text, 1);
  auto& second = arena.alloc(std::move(text), 2);
  EXPECT_EQ(first.first, second.first);
  EXPECT_EQ(second.second, 2);
  EXPECT_EQ(arena.size(), 2u);
  EXPECT_EQ(arena.chunk_count(), 1u);
  EXPECT_EQ(upstream.allocations(), 1u);
}

// References stay valid while the arena grows through many chunks, and every object lives
// inside a chunk taken from upstream (kills: a std::vector<T> that reallocates — ASan reports
// the stale reference —, storage taken from anywhere but upstream).
TEST(Stability, ReferencesStayValidAcrossManyChunks) {
  Instrumented::reset();
  mwtest::CountingResource upstream;
  {
    TypedArena<Instrumented> arena(&upstream, 2);
    std::vector<Instrumented*> objects;
    for (int i = 0; i < 1000; ++i) objects.push_back(&arena.alloc(i));
    for (int i = 0; i < 1000; ++i) {
      ASSERT_EQ(objects[i]->value(), i) << "object " << i << " moved or was overwritten";
      ASSERT_TRUE(upstream.contains(objects[i], sizeof(Instrumented)))
          << "object " << i << " is not inside a chunk from upstream";
    }
    EXPECT_EQ(life_counts().moves + life_counts().copies, 0u) << "objects must never move";
  }
  EXPECT_EQ(life_counts().alive(), 0);
}

// Chunk k holds first_chunk_capacity * 2^k objects and is one upstream allocation, taken
// only when the previous chunk is full (kills: constant growth, capacity counted in bytes,
// a new chunk before the current one is full).
TEST(Growth, ChunkCapacitiesDouble) {
  mwtest::CountingResource upstream;
  TypedArena<std::uint64_t> arena(&upstream, 8);
  std::size_t capacity = 8;
  std::size_t total = 0;  // objects the chunks taken so far can hold
  for (std::size_t chunks = 0; chunks < 6; ++chunks) {
    arena.alloc(total);  // the first object of the next chunk
    ASSERT_EQ(upstream.allocations(), chunks + 1) << "after " << total + 1 << " objects";
    expect_chunk_capacity<std::uint64_t>(upstream, chunks, capacity);
    for (std::size_t i = 1; i < capacity; ++i) arena.alloc(total + i);
    ASSERT_EQ(upstream.allocations(), chunks + 1) << "chunk " << chunks << " is not full yet";
    total += capacity;
    capacity *= 2;
  }
  EXPECT_EQ(arena.chunk_count(), 6u);
  EXPECT_EQ(arena.size(), total);
}

// A first capacity of 0 is raised to 1, and the sequence then doubles: 1, 2, 4 (kills:
// zero-capacity chunks, an endless loop asking for chunks).
TEST(Growth, ZeroFirstCapacityStartsAtOne) {
  mwtest::CountingResource upstream;
  TypedArena<int> arena(&upstream, 0);
  for (int i = 0; i < 7; ++i) arena.alloc(i);
  EXPECT_EQ(upstream.allocations(), 3u);
  expect_chunk_capacity<int>(upstream, 0, 1);
  expect_chunk_capacity<int>(upstream, 1, 2);
  expect_chunk_capacity<int>(upstream, 2, 4);
}

// A chunk of an alignas(128) type carries at most alignof(T) = 128 bytes of bookkeeping,
// padding included (README rule 1: max(64, alignof(T))), and its objects are aligned.
// kills: a header of max_align_t alignment plus alignof(T) - 1 bytes of slack to align by hand
// (32 + 127 bytes), which the rule's "padding included" forbids; chunks requested with a
// fixed 64-byte (cache-line) alignment, which the exactly-aligned upstream shows.
TEST(Alignment, AChunkOf128AlignedObjectsCarriesAtMost128BytesMore) {
  arena_suite::ExactlyAlignedResource exact;
  mwtest::CountingResource upstream(&exact);
  TypedArena<arena_suite::Wider> arena(&upstream, 4);
  for (int i = 0; i < 12; ++i) {
    auto& wider = arena.alloc(i);
    EXPECT_TRUE(arena_suite::is_aligned(&wider, 128)) << "object " << i;
    EXPECT_EQ(wider.value, i);
  }
  ASSERT_EQ(upstream.allocations(), 2u);
  expect_chunk_capacity<arena_suite::Wider>(upstream, 0, 4);
  expect_chunk_capacity<arena_suite::Wider>(upstream, 1, 8);
  EXPECT_TRUE(errors_of(upstream).empty()) << errors_of(upstream);
}

// Objects of an over-aligned type are aligned, from alloc and alloc_extend, in every chunk
// (kills: chunks aligned to max_align_t only — the exactly-aligned upstream gives no more than
// was asked —, a header size that is not a multiple of alignof(T)).
TEST(Alignment, OverAlignedObjectsAreAligned) {
  arena_suite::ExactlyAlignedResource exact;
  mwtest::CountingResource upstream(&exact);
  TypedArena<arena_suite::Wide> arena(&upstream, 3);
  for (int i = 0; i < 20; ++i) {
    auto& wide = arena.alloc(i);
    EXPECT_TRUE(arena_suite::is_aligned(&wide, 64)) << "object " << i;
  }
  const auto span = arena.alloc_extend(iota_vector(5));
  for (const auto& wide : span) EXPECT_TRUE(arena_suite::is_aligned(&wide, 64));
  EXPECT_TRUE(errors_of(upstream).empty()) << errors_of(upstream);
}

// Every object is destroyed exactly once, when the arena dies, and every chunk goes back
// upstream with the size and alignment it was allocated with (kills: destructors not run,
// run twice, run early; chunks leaked or freed with the wrong size).
TEST(Destruction, EveryObjectDestroyedOnceAndEveryChunkReturned) {
  Instrumented::reset();
  mwtest::CountingResource upstream;
  {
    TypedArena<Instrumented> arena(&upstream, 4);
    for (int i = 0; i < 50; ++i) arena.alloc(i);
    const std::vector<int> more = iota_vector(30);
    arena.alloc_extend(more);
    EXPECT_EQ(life_counts().alive(), 80);
    EXPECT_EQ(life_counts().destroyed, 0u) << "nothing may be destroyed before the arena";
  }
  EXPECT_EQ(life_counts().constructed, 80u);
  EXPECT_EQ(life_counts().destroyed, 80u);
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_EQ(upstream.deallocations(), upstream.allocations());
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// Destructors run in reverse allocation order (the newest first, like a stack of locals),
// across chunks and through alloc_extend (kills: forward order, chunk order reversed but
// objects inside a chunk forward, an extended range destroyed front to back).
TEST(Destruction, RunsInReverseAllocationOrder) {
  destruction_order().clear();
  {
    TypedArena<Recorder> arena(std::pmr::new_delete_resource(), 3);
    int id = 0;
    for (; id < 5; ++id) arena.alloc(id);
    std::vector<int> range;
    for (int i = 0; i < 4; ++i) range.push_back(id++);
    arena.alloc_extend(range);
    for (; id < 20; ++id) arena.alloc(id);
    EXPECT_TRUE(destruction_order().empty());
  }
  std::vector<int> expected;
  for (int id = 19; id >= 0; --id) expected.push_back(id);
  EXPECT_EQ(destruction_order(), expected);
}

// Iteration visits every object once, in allocation order, across chunks, past the unused
// tail an alloc_extend left behind and past an empty chunk; const iteration too (kills:
// iterating only the current chunk, newest chunk first, walking into unused slots).
TEST(Iteration, VisitsEveryObjectInAllocationOrder) {
  static_assert(std::ranges::forward_range<TypedArena<int>>, "TypedArena<T> is a forward range");
  static_assert(std::ranges::forward_range<const TypedArena<int>>);
  Instrumented::reset();
  mwtest::CountingResource upstream;
  TypedArena<Instrumented> arena(&upstream, 4);
  std::vector<int> expected;
  auto add = [&](int v) {
    arena.alloc(v);
    expected.push_back(v);
  };
  add(0);
  add(1);
  const std::vector<Instrumented> source = {Instrumented(10), Instrumented(11), Instrumented(12)};
  arena.alloc_extend(source);  // does not fit after 2 objects: a new chunk, a gap of 2
  expected.insert(expected.end(), {10, 11, 12});
  Instrumented::throw_after(1);  // leaves an empty chunk of 40 behind...
  EXPECT_THROW(arena.alloc_extend(std::vector<int>(40, 7)), mwtest::InstrumentedError);
  arena.alloc_extend(std::vector<int>(50, 8));  // ...which this range does not fit in
  expected.insert(expected.end(), 50, 8);
  for (int v = 20; v < 60; ++v) add(v);
  std::vector<int> seen;
  for (Instrumented& x : arena) seen.push_back(x.value());
  EXPECT_EQ(seen, expected);
  seen.clear();
  const auto& view = arena;
  for (const Instrumented& x : view) seen.push_back(x.value());
  EXPECT_EQ(seen, expected);
}

// An empty arena iterates over nothing, and one object gives one step (kills: begin() of an
// empty arena dereferencing a null chunk).
TEST(Iteration, EmptyArenaAndOneObject) {
  TypedArena<int> arena;
  EXPECT_TRUE(arena.alloc_extend(std::vector<int>{}).empty());
  EXPECT_TRUE(arena.begin() == arena.end());
  arena.alloc(42);
  auto it = arena.begin();
  ASSERT_FALSE(it == arena.end());
  EXPECT_EQ(*it, 42);
  EXPECT_TRUE(++it == arena.end());
}

// A range that fits is placed right after the last object, in the current chunk (kills:
// a new chunk for every range, a gap before the range).
TEST(Extend, RangeThatFitsFollowsTheLastObject) {
  mwtest::CountingResource upstream;
  TypedArena<int> arena(&upstream, 16);
  arena.alloc(0);
  arena.alloc(1);
  int& third = arena.alloc(2);
  const std::span<int> span = arena.alloc_extend(iota_vector(5));
  ASSERT_EQ(span.size(), 5u);
  EXPECT_EQ(span.data(), &third + 1);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(span[i], i);
  EXPECT_EQ(upstream.allocations(), 1u);
  EXPECT_EQ(arena.size(), 8u);
}

// A range that does not fit in the current chunk goes WHOLE to a new chunk of the next
// capacity, which becomes current (kills: splitting a range across chunks, returning a span
// that runs off the end of a chunk, not making the new chunk current).
TEST(Extend, RangeThatDoesNotFitGoesWholeToANewChunk) {
  mwtest::CountingResource upstream;
  TypedArena<int> arena(&upstream, 8);
  for (int i = 0; i < 5; ++i) arena.alloc(i);
  const std::span<int> span = arena.alloc_extend(iota_vector(6));
  ASSERT_EQ(span.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(span[i], i);
  EXPECT_TRUE(upstream.contains(span.data(), span.size_bytes()))
      << "the range must lie inside one chunk";
  ASSERT_EQ(upstream.allocations(), 2u);
  expect_chunk_capacity<int>(upstream, 1, 16);
  for (int i = 0; i < 10; ++i) arena.alloc(i);  // fills the new chunk's other 10 slots
  EXPECT_EQ(upstream.allocations(), 2u);
  arena.alloc(99);
  EXPECT_EQ(upstream.allocations(), 3u);
  expect_chunk_capacity<int>(upstream, 2, 32);
}

// A range larger than the next chunk gets a chunk of exactly its size, and the sequence
// still doubles after it (kills: a chunk too small for the range — ASan —, a loop of
// doublings until it fits, the sequence reset by the big chunk).
TEST(Extend, RangeLargerThanTheNextChunkGetsAChunkOfItsSize) {
  mwtest::CountingResource upstream;
  TypedArena<int> arena(&upstream, 4);
  const std::span<int> span = arena.alloc_extend(iota_vector(100));
  ASSERT_EQ(span.size(), 100u);
  EXPECT_EQ(span[99], 99);
  ASSERT_EQ(upstream.allocations(), 1u);
  expect_chunk_capacity<int>(upstream, 0, 100);
  arena.alloc(100);  // the big chunk is full: the next one of the sequence, 8
  ASSERT_EQ(upstream.allocations(), 2u);
  expect_chunk_capacity<int>(upstream, 1, 8);
}

// A range larger than the next capacity in the middle of the sequence is a step of it: 8, 16,
// then a range of 100 when the next capacity is 32 takes a chunk of 100, and the chunk after
// it holds 64 (README rule 3). kills: an oversized chunk that does not advance the sequence
// (32 next) and a sequence that doubles the chunk actually taken (200 next).
TEST(Extend, OversizedRangeIsAStepOfTheSequence) {
  mwtest::CountingResource upstream;
  TypedArena<int> arena(&upstream, 8);
  for (int i = 0; i < 8 + 16; ++i) arena.alloc(i);  // chunks of 8 and 16, both full
  ASSERT_EQ(upstream.allocations(), 2u);
  const std::span<int> span = arena.alloc_extend(iota_vector(100));
  ASSERT_EQ(span.size(), 100u);
  ASSERT_EQ(upstream.allocations(), 3u);
  expect_chunk_capacity<int>(upstream, 2, 100);
  arena.alloc(100);  // the chunk of 100 is full
  ASSERT_EQ(upstream.allocations(), 4u);
  expect_chunk_capacity<int>(upstream, 3, 64);
  for (int i = 1; i < 64; ++i) arena.alloc(100 + i);
  EXPECT_EQ(upstream.allocations(), 4u) << "the chunk after the range holds 64";
  arena.alloc(164);
  ASSERT_EQ(upstream.allocations(), 5u);
  expect_chunk_capacity<int>(upstream, 4, 128);
}

// A range whose byte size overflows std::size_t is refused with std::bad_alloc before
// anything is asked of upstream (kills: n * sizeof(T) wrapping around to a tiny chunk that
// the construction loop then overruns).
TEST(Extend, HugeRangeIsRefusedWithoutOverflow) {
  mwtest::CountingResource upstream;
  TypedArena<std::uint64_t> arena(&upstream, 4);
  // n * 8 == 2^64 + 8, which wraps to 8.
  const std::size_t n = std::numeric_limits<std::size_t>::max() / sizeof(std::uint64_t) + 2;
  ASSERT_THROW(arena.alloc_extend(std::views::iota(std::size_t{0}, n)), std::bad_alloc);
  EXPECT_EQ(upstream.allocations(), 0u);
  EXPECT_EQ(arena.size(), 0u);
}

// When T's constructor throws in the middle of alloc_extend, the elements that call built
// are destroyed (newest first) and the arena holds what it held before; it stays usable
// (kills: leaking the built elements, counting them, a second use of the arena crashing).
TEST(Extend, ThrowingElementLeavesTheArenaAsItWas) {
  Instrumented::reset();
  mwtest::CountingResource upstream;
  {
    TypedArena<Instrumented> arena(&upstream, 8);
    arena.alloc(-1);
    arena.alloc(-2);
    const std::vector<Instrumented> source = {Instrumented(0), Instrumented(1), Instrumented(2),
                                              Instrumented(3), Instrumented(4)};
    const std::size_t destroyed_before = life_counts().destroyed;
    Instrumented::throw_after(4);  // copies 0, 1, 2 are built, copy 3 throws
    EXPECT_THROW(arena.alloc_extend(source), mwtest::InstrumentedError);
    EXPECT_EQ(life_counts().destroyed - destroyed_before, 3u) << "the 3 built copies";
    EXPECT_EQ(life_counts().alive(), 2 + 5);
    EXPECT_EQ(arena.size(), 2u);
    const std::span<Instrumented> span = arena.alloc_extend(source);
    ASSERT_EQ(span.size(), 5u);
    EXPECT_EQ(span[4].value(), 4);
    std::vector<int> seen;
    for (const Instrumented& x : arena) seen.push_back(x.value());
    EXPECT_EQ(seen, (std::vector<int>{-1, -2, 0, 1, 2, 3, 4}));
  }
  EXPECT_EQ(life_counts().alive(), 0);
  EXPECT_TRUE(upstream.errors().empty()) << errors_of(upstream);
}

// When T's constructor throws in alloc, nothing is counted and the slot is used by the next
// object (kills: counting an object that was never built, then destroying it at the end).
TEST(Alloc, ThrowingConstructorLeavesTheArenaAsItWas) {
  Instrumented::reset();
  {
    TypedArena<Instrumented> arena(std::pmr::new_delete_resource(), 4);
    Instrumented& first = arena.alloc(1);
    Instrumented::throw_after(1);
    EXPECT_THROW(arena.alloc(2), mwtest::InstrumentedError);
    EXPECT_EQ(arena.size(), 1u);
    Instrumented& second = arena.alloc(3);
    EXPECT_EQ(&second, &first + 1) << "the failed object's slot is reused";
  }
  EXPECT_EQ(life_counts().constructed, 2u);
  EXPECT_EQ(life_counts().destroyed, 2u);
}

// When upstream fails, alloc throws std::bad_alloc, the arena keeps its objects and its
// place in the sequence: the next chunk still has the next capacity (kills: doubling
// before upstream returned, linking a null chunk).
TEST(Failure, UpstreamFailureLeavesTheArenaUsable) {
  mwtest::CountingResource upstream;
  TypedArena<int> arena(&upstream, 4);
  for (int i = 0; i < 4; ++i) arena.alloc(i);
  upstream.fail_allocations(true);
  EXPECT_THROW(arena.alloc(4), std::bad_alloc);
  EXPECT_THROW(arena.alloc_extend(iota_vector(3)), std::bad_alloc);
  upstream.fail_allocations(false);
  EXPECT_EQ(arena.size(), 4u);
  EXPECT_EQ(arena.chunk_count(), 1u);
  arena.alloc(4);
  ASSERT_EQ(upstream.allocations(), 2u);
  expect_chunk_capacity<int>(upstream, 1, 8);
  std::vector<int> seen(arena.begin(), arena.end());
  EXPECT_EQ(seen, iota_vector(5));
}

}  // namespace
