// Hidden tests: statistics (median, utilization) and the timed replay (mw::bench::measure).
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "fakes.hpp"
#include "stats.hpp"

namespace {

using fakes::trace_of;
using mw::bench::median;

// The median of an odd-sized, unsorted sample is its middle value.
TEST(Median, OddSample) {
  EXPECT_DOUBLE_EQ(median({9.0, 1.0, 5.0}), 5.0);
  EXPECT_DOUBLE_EQ(median({7.5}), 7.5);
  EXPECT_DOUBLE_EQ(median({3.0, 100.0, 2.0, 1.0, 4.0}), 3.0);
}

// The median of an even-sized, unsorted sample is the mean of the two middle values
// (kills taking the upper or lower middle, or forgetting to sort).
TEST(Median, EvenSample) {
  EXPECT_DOUBLE_EQ(median({4.0, 1.0, 3.0, 2.0}), 2.5);
  EXPECT_DOUBLE_EQ(median({10.0, 20.0}), 15.0);
  EXPECT_DOUBLE_EQ(median({8.0, 1.0, 100.0, 2.0, 9.0, 3.0}), 5.5);
}

// The median of nothing is an error, not a read out of bounds.
TEST(Median, EmptySampleThrows) {
  EXPECT_THROW(median({}), std::invalid_argument);
}

// Hand-computed: live payload 100, 150, 50, 80, 230, 30, 0 (peak 230); footprint in 64-byte
// units 128, 192, 64, 128, 320, 64, 0 (peak 320) — utilization 230 / 320.
constexpr const char* usage_trace = "a 1 100\na 2 50\nf 1\na 3 30\nr 2 200\nf 2\nf 3\n";

// Utilization divides the peak payload by the peak footprint (kills dividing by the
// footprint after the last op; here the footprint peaks with the payload, see the next test).
TEST(Utilization, UsesPeakPayloadOverPeakFootprint) {
  fakes::ScriptedFootprint allocator(/*baseline=*/0);
  const auto usage = mw::bench::measure_usage(trace_of(usage_trace), allocator);
  EXPECT_EQ(usage.peak_payload, 230u);
  EXPECT_EQ(usage.peak_footprint, 320u);
  EXPECT_DOUBLE_EQ(mw::bench::utilization(usage), 230.0 / 320.0);
  EXPECT_EQ(allocator.live_blocks(), 0u);
}

// Many small blocks can cost more footprint than the one big block that makes the payload's
// peak: payload 100, 0, 1, 2, 3, 2, 1, 0 (peak 100); footprint 128, 0, 64, 128, 192, 128, 64, 0
// (peak 192, while the payload is 3) — utilization 100 / 192 (kills reading the footprint only
// when the payload reaches a new peak).
TEST(Utilization, FootprintPeakNeedNotBeAtThePayloadPeak) {
  fakes::ScriptedFootprint allocator(/*baseline=*/0);
  const auto usage = mw::bench::measure_usage(
      trace_of("a 1 100\nf 1\na 2 1\na 3 1\na 4 1\nf 2\nf 3\nf 4\n"), allocator);
  EXPECT_EQ(usage.peak_payload, 100u);
  EXPECT_EQ(usage.peak_footprint, 192u);
  EXPECT_DOUBLE_EQ(mw::bench::utilization(usage), 100.0 / 192.0);
  EXPECT_EQ(allocator.live_blocks(), 0u);
}

// The footprint is counted from its value before the trace (kills charging the allocator
// for memory it held before the replay started).
TEST(Utilization, FootprintCountsFromBeforeTheTrace) {
  fakes::ScriptedFootprint allocator(/*baseline=*/1000);
  const auto usage = mw::bench::measure_usage(trace_of(usage_trace), allocator);
  EXPECT_EQ(usage.peak_footprint, 320u);
  EXPECT_EQ(allocator.trims, 1u) << "measure_usage starts from a trimmed allocator";
}

// Utilization of an allocator that took nothing is 0, not a division by zero; otherwise
// it is the plain ratio.
TEST(Utilization, ZeroFootprintIsZero) {
  EXPECT_EQ(mw::bench::utilization({/*peak_payload=*/0, /*peak_footprint=*/0}), 0.0);
  EXPECT_DOUBLE_EQ(mw::bench::utilization({/*peak_payload=*/3, /*peak_footprint=*/4}), 0.75);
}

// replay performs every op and releases the blocks the trace leaves live, with their final
// sizes, leaving every slot empty.
TEST(Replay, ReleasesLeftoverBlocks) {
  fakes::GoodAllocator allocator;
  const auto trace = trace_of("a 0 10\na 1 20\nr 1 40\na 2 5\nf 0\n");
  std::vector<void*> slots(trace.slot_count, nullptr);
  mw::bench::replay(trace, allocator, slots, 16);
  EXPECT_EQ(allocator.allocations, 4u);
  EXPECT_EQ(allocator.live_blocks(), 0u);
  EXPECT_EQ(allocator.bad_deallocations, 0u);
  for (void* slot : slots) EXPECT_EQ(slot, nullptr);
}

// measure runs the usage pass, a warm-up and every repetition, resets the allocator after
// each, and reports the names, a positive median throughput and the utilization.
TEST(Measure, RunsEveryRepetition) {
  fakes::ScriptedFootprint allocator(/*baseline=*/0);
  const auto trace = trace_of(usage_trace);
  const auto result = mw::bench::measure(trace, allocator, 5);
  // 3 a + 1 r (the fake allocates) per replay: usage pass, warm-up, 5 timed.
  EXPECT_EQ(allocator.allocations, 4u * (1 + 1 + 5));
  EXPECT_EQ(allocator.resets, 1u + 1 + 5);
  EXPECT_EQ(allocator.live_blocks(), 0u);
  EXPECT_EQ(result.allocator, "good");
  EXPECT_EQ(result.trace, "test");
  EXPECT_GT(result.ops_per_second, 0.0);
  EXPECT_DOUBLE_EQ(result.utilization, 230.0 / 320.0);
}

}  // namespace
