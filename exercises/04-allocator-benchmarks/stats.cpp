#include "stats.hpp"

#include <mw/todo.hpp>

namespace mw::bench {

double median(std::vector<double> samples) {
  // TODO: throw std::invalid_argument when empty; the middle value of the sorted samples,
  // or the mean of the two middle ones when there is an even number of them.
  (void)samples;
  MW_TODO();
}

double utilization(const Usage& usage) {
  // TODO: peak payload over peak footprint; 0 when the footprint is 0.
  (void)usage;
  MW_TODO();
}

void replay(const Trace& trace, AllocatorUnderTest& allocator, std::vector<void*>& slots,
            std::size_t align) {
  // TODO: apply every op to slots[op.slot] (allocate / reallocate with op.old_size /
  // deallocate with op.old_size); throw std::bad_alloc on nullptr. Then deallocate what is
  // still live with its final size and leave every slot nullptr. Allocate nothing here:
  // this loop is what gets timed.
  (void)trace;
  (void)allocator;
  (void)slots;
  (void)align;
  MW_TODO();
}

Usage measure_usage(const Trace& trace, AllocatorUnderTest& allocator, std::size_t align) {
  // TODO: trim() the allocator, read footprint() as the baseline, then replay the trace
  // reading footprint() after every op: track the live payload (+size, -old_size) and the
  // peaks of the payload and of the footprint above the baseline. Free the leftovers, and
  // reset() the allocator.
  (void)trace;
  (void)allocator;
  (void)align;
  MW_TODO();
}

Result measure(const Trace& trace, AllocatorUnderTest& allocator, int repetitions,
               std::size_t align) {
  // TODO: measure_usage once; one untimed warm-up replay and reset(); then `repetitions`
  // times: time (std::chrono::steady_clock) one replay plus the reset() after it, record
  // ops per second. Return the median throughput.
  (void)trace;
  (void)allocator;
  (void)repetitions;
  (void)align;
  MW_TODO();
}

}  // namespace mw::bench
