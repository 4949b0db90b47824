// stats.hpp — the two numbers that describe an allocator on a trace, and how to get them.
//
// Throughput: trace ops per second, timed over a replay that does nothing else (no checks,
// no bookkeeping allocations), repeated, and summarised by the median, which one noisy run
// cannot drag. Utilization: the peak of live payload (what the program asked for and still
// holds) over the peak footprint (what the allocator took from the system to serve it);
// 1.0 is perfect, a bump arena that never reuses memory scores low.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "allocator.hpp"
#include "trace.hpp"

namespace mw::bench {

/// Peaks seen while replaying one trace.
struct Usage {
  std::size_t peak_payload = 0;    ///< largest sum of the sizes of the live blocks, after any op
  std::size_t peak_footprint = 0;  ///< largest footprint() growth over its value before the trace
};

/// One allocator on one trace.
struct Result {
  std::string allocator;
  std::string trace;
  double ops_per_second = 0;  ///< median over the repetitions
  double utilization = 0;     ///< utilization(usage)
  Usage usage;
};

/// Returns: the median of `samples` (the mean of the two middle ones for an even count).
/// Throws: std::invalid_argument when `samples` is empty.
double median(std::vector<double> samples);

/// Returns: usage.peak_payload / usage.peak_footprint, or 0 when peak_footprint is 0.
double utilization(const Usage& usage);

/// Effects: replays `trace` once against `allocator` with blocks aligned to `align`, then
/// deallocates the blocks the trace left live. Does no checking and allocates nothing
/// itself beyond `slots`, so it can be timed.
/// Requires: slots.size() >= trace.slot_count, every entry nullptr; the allocator passed
/// check_trace on this trace. Ensures: every entry of `slots` is nullptr again.
/// Throws: std::bad_alloc when the allocator returns nullptr.
void replay(const Trace& trace, AllocatorUnderTest& allocator, std::vector<void*>& slots,
            std::size_t align);

/// Effects: calls allocator.trim(), reads footprint() as the baseline, replays `trace`
/// reading footprint() after every op, frees the leftover blocks and calls reset().
/// Returns: the peak live payload and the peak footprint above the baseline.
Usage measure_usage(const Trace& trace, AllocatorUnderTest& allocator,
                    std::size_t align = alignof(std::max_align_t));

/// Effects: measure_usage once, one untimed warm-up replay (so page faults of first touch
/// are not timed), then `repetitions` timed replays (steady_clock), each one including the
/// allocator.reset() that follows it.
/// Returns: the allocator's name, the trace's name, the median throughput and the utilization.
/// Requires: repetitions > 0.
Result measure(const Trace& trace, AllocatorUnderTest& allocator, int repetitions,
               std::size_t align = alignof(std::max_align_t));

}  // namespace mw::bench
