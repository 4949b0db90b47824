// Hidden tests: the correctness checker (mw::bench::check_trace) against planted bugs.
#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <optional>

#include "allocator.hpp"
#include "checker.hpp"
#include "fakes.hpp"

namespace {

using fakes::trace_of;
using mw::bench::check_trace;
using mw::bench::ViolationKind;

// Allocations, a growing and a shrinking realloc, frees, an id reused, a block left live.
constexpr const char* busy_trace =
    "a 0 100\na 1 40\nr 0 300\na 2 17\nr 1 8\nf 0\na 3 300\nf 2\na 0 17\nr 3 301\nf 1\n";

/// The smallest live block count of a trace: checks that nothing stays behind.
void expect_all_released(const fakes::GoodAllocator& allocator) {
  EXPECT_EQ(allocator.live_blocks(), 0u) << "the checker must deallocate what is still live";
  EXPECT_EQ(allocator.bad_deallocations, 0u) << "deallocate with a wrong pointer or size";
}

/// Checks that `violation` was reported, of kind `kind`, at trace line `line` (and, when
/// given, at op `op_index`).
void expect_violation_at(const std::optional<mw::bench::Violation>& violation, ViolationKind kind,
                         std::size_t line, std::optional<std::size_t> op_index = std::nullopt) {
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->kind, kind);
  EXPECT_EQ(violation->line, line);
  if (op_index) {
    EXPECT_EQ(violation->op_index, *op_index);
  }
}

// A correct allocator passes cleanly, reallocs that grow and shrink included, and every
// block is released with its right size (kills a false alarm on growth, a leaky checker).
TEST(Checker, CorrectAllocatorPassesCleanly) {
  fakes::GoodAllocator allocator;
  const auto violation = check_trace(trace_of(busy_trace), allocator);
  EXPECT_FALSE(violation) << violation->message;
  expect_all_released(allocator);
}

// A correct allocator that hands a freed block out again is not reported as overlapping
// (kills a checker that never forgets freed blocks).
TEST(Checker, FreedMemoryMayBeReused) {
  fakes::GoodAllocator allocator;
  const auto violation =
      check_trace(trace_of("a 0 64\nf 0\na 1 64\na 2 64\nf 1\na 0 64\n"), allocator);
  EXPECT_FALSE(violation) << violation->message;
  EXPECT_EQ(allocator.footprint(), 128u) << "the fake was expected to reuse the freed block";
}

// The real allocators (glibc, mimalloc, jemalloc) pass through their adapters.
TEST(Checker, RealAllocatorsPass) {
  for (auto make : {mw::bench::make_glibc_allocator, mw::bench::make_mimalloc_allocator,
                    mw::bench::make_jemalloc_allocator}) {
    const auto allocator = make();
    const auto violation = check_trace(trace_of(busy_trace), *allocator, 64);
    EXPECT_FALSE(violation) << allocator->name() << ": " << violation->message;
  }
}

// The learner's bump arena (exercise 03) passes through its adapter.
TEST(Checker, BumpArenaPasses) {
  const auto allocator = mw::bench::make_bump_allocator();
  const auto violation = check_trace(trace_of(busy_trace), *allocator, 32);
  EXPECT_FALSE(violation) << violation->message;
}

// A block 8 bytes off a 16-byte boundary is reported as misaligned at its line (kills a
// wrong mask such as `p & align` or `p & 7`).
TEST(Checker, CatchesBlockOffBy8) {
  fakes::MisalignedAllocator allocator(8);
  const auto violation = check_trace(trace_of("# misaligned\na 0 32\n"), allocator, 16);
  expect_violation_at(violation, ViolationKind::misaligned, 2, 0);
}

// A 32-byte aligned block is reported when 64 is asked for (kills a checker that tests
// max_align_t or a fixed 16 instead of the requested alignment).
TEST(Checker, CatchesMisalignmentAtTheRequestedAlignment) {
  fakes::MisalignedAllocator allocator(32);
  const auto violation = check_trace(trace_of("a 0 32\n"), allocator, 64);
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->kind, ViolationKind::misaligned);
}

// A block placed inside an older live block, not the previous one, is reported at its
// line (kills an overlap check against the previous block only).
TEST(Checker, CatchesBlockInsideAnOlderLiveBlock) {
  fakes::OverlappingAllocator allocator(/*which=*/4, /*inside=*/1, /*offset=*/64);
  const auto violation =
      check_trace(trace_of("a 0 256\na 1 32\na 2 32\na 3 16\nf 3\nf 2\nf 1\nf 0\n"), allocator);
  expect_violation_at(violation, ViolationKind::overlap, 4, 3);
}

// A block that starts below a live block and runs into it is reported (kills a check that
// only asks whether the new block starts inside a live one).
TEST(Checker, CatchesBlockRunningIntoTheNextLiveBlock) {
  fakes::OverlappingAllocator allocator(/*which=*/2, /*inside=*/1, /*offset=*/-32,
                                        /*leading_gap=*/128);
  const auto violation = check_trace(trace_of("a 0 64\na 1 64\nf 0\nf 1\n"), allocator);
  expect_violation_at(violation, ViolationKind::overlap, 2);
}

// Trace for the corruption tests: block 0 is damaged during `a 2` (line 3) and freed at line 6.
constexpr const char* corruption_trace = "a 0 100\na 1 50\na 2 50\nf 1\nf 2\nf 0\n";

/// Checks that a corruption planted at line 3 was reported between lines 3 and 6.
void expect_corruption_found(const std::optional<mw::bench::Violation>& violation) {
  ASSERT_TRUE(violation) << "a write into another live block went unnoticed";
  EXPECT_EQ(violation->kind, ViolationKind::corrupted);
  EXPECT_GE(violation->line, 3u);
  EXPECT_LE(violation->line, 6u);
}

// A byte flipped in the middle of another live block is caught no later than that block's
// free (kills a payload check of the first byte only).
TEST(Checker, CatchesWriteIntoTheMiddleOfAnotherBlock) {
  fakes::CorruptingAllocator allocator(/*which=*/3, /*offset=*/50);
  expect_corruption_found(check_trace(trace_of(corruption_trace), allocator));
}

// A byte flipped at the last byte of another live block is caught (kills a payload check
// that stops one byte short).
TEST(Checker, CatchesWriteIntoTheLastByteOfAnotherBlock) {
  fakes::CorruptingAllocator allocator(/*which=*/3, /*offset=*/-1);
  expect_corruption_found(check_trace(trace_of(corruption_trace), allocator));
}

// A corruption of a block the trace never frees is caught at the end of the trace.
TEST(Checker, CatchesCorruptionOfABlockLeftLive) {
  fakes::CorruptingAllocator allocator(/*which=*/2, /*offset=*/7);
  const auto violation = check_trace(trace_of("a 0 100\na 1 50\nf 1\n"), allocator);
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->kind, ViolationKind::corrupted);
  expect_all_released(allocator);
}

// A realloc that drops the contents is reported at its line (kills a checker that does not
// verify the block after reallocate).
TEST(Checker, CatchesReallocThatDropsContents) {
  fakes::ForgetfulReallocator allocator(/*kept=*/0);
  const auto violation = check_trace(trace_of("a 0 40\na 1 8\nr 0 80\nf 0\nf 1\n"), allocator);
  expect_violation_at(violation, ViolationKind::corrupted, 3);
}

// A realloc that keeps only the first byte is reported, when shrinking too (kills a
// post-realloc check of the first byte only).
TEST(Checker, CatchesReallocThatKeepsOnlyTheFirstByte) {
  fakes::ForgetfulReallocator allocator(/*kept=*/1);
  const auto violation = check_trace(trace_of("a 0 40\nr 0 20\nf 0\n"), allocator);
  expect_violation_at(violation, ViolationKind::corrupted, 2);
}

// An allocation that fails is reported as out of memory at its line, and the blocks
// already handed out are released.
TEST(Checker, ReportsFailedAllocation) {
  fakes::ExhaustedAllocator allocator(/*which=*/3);
  const auto violation = check_trace(trace_of("a 0 8\na 1 8\na 2 8\n"), allocator);
  expect_violation_at(violation, ViolationKind::out_of_memory, 3);
  expect_all_released(allocator);
}

}  // namespace
