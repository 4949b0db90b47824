#include "stats.hpp"

#include <algorithm>
#include <new>
#include <stdexcept>

namespace mw::bench {

double median(std::vector<double> samples) {
  if (samples.empty()) throw std::invalid_argument("median of no samples");
  const std::size_t middle = samples.size() / 2;
  // nth_element puts the upper middle in place and every smaller sample before it.
  std::nth_element(samples.begin(), samples.begin() + middle, samples.end());
  const double upper = samples[middle];
  if (samples.size() % 2 == 1) return upper;
  const double lower = *std::max_element(samples.begin(), samples.begin() + middle);
  return lower + (upper - lower) / 2;
}

double utilization(const Usage& usage) {
  if (usage.peak_footprint == 0) return 0;
  return static_cast<double>(usage.peak_payload) / static_cast<double>(usage.peak_footprint);
}

namespace {

/// Performs one op; `slot` is the op's entry in the replay's pointer table.
void apply(const Op& op, AllocatorUnderTest& allocator, void*& slot, std::size_t align) {
  switch (op.kind) {
    case OpKind::allocate:
      slot = allocator.allocate(op.size, align);
      break;
    case OpKind::reallocate: {
      void* moved = allocator.reallocate(slot, op.old_size, op.size, align);
      if (moved == nullptr) throw std::bad_alloc();
      slot = moved;
      return;
    }
    case OpKind::free:
      allocator.deallocate(slot, op.old_size, align);
      slot = nullptr;
      return;
  }
  if (slot == nullptr) throw std::bad_alloc();
}

/// Deallocates the blocks a replay left live. Walking the trace backwards, the first op met
/// for a live slot is its last one, whose size is the block's size; no table is needed.
void free_leftovers(const Trace& trace, AllocatorUnderTest& allocator, std::vector<void*>& slots,
                    std::size_t align) {
  for (auto op = trace.ops.rbegin(); op != trace.ops.rend(); ++op) {
    void*& slot = slots[op->slot];
    if (slot != nullptr) allocator.deallocate(slot, op->size, align);
    slot = nullptr;
  }
}

}  // namespace

void replay(const Trace& trace, AllocatorUnderTest& allocator, std::vector<void*>& slots,
            std::size_t align) {
  for (const Op& op : trace.ops) apply(op, allocator, slots[op.slot], align);
  free_leftovers(trace, allocator, slots, align);
}

Usage measure_usage(const Trace& trace, AllocatorUnderTest& allocator, std::size_t align) {
  std::vector<void*> slots(trace.slot_count, nullptr);
  allocator.trim();
  const std::size_t baseline = allocator.footprint();
  Usage usage;
  std::size_t payload = 0;
  for (const Op& op : trace.ops) {
    apply(op, allocator, slots[op.slot], align);
    payload = payload - op.old_size + op.size;
    usage.peak_payload = std::max(usage.peak_payload, payload);
    // The peak, not the footprint after the last op: allocators give memory back.
    const std::size_t footprint = allocator.footprint();
    if (footprint > baseline)
      usage.peak_footprint = std::max(usage.peak_footprint, footprint - baseline);
  }
  free_leftovers(trace, allocator, slots, align);
  allocator.reset();
  return usage;
}

Result measure(const Trace& trace, AllocatorUnderTest& allocator, int repetitions,
               std::size_t align) {
  if (repetitions <= 0) throw std::invalid_argument("measure needs at least one repetition");
  Result result{allocator.name(), trace.name, 0, 0, measure_usage(trace, allocator, align)};
  result.utilization = utilization(result.usage);

  std::vector<void*> slots(trace.slot_count, nullptr);  // allocated before the clock starts
  std::vector<double> throughputs;
  throughputs.reserve(static_cast<std::size_t>(repetitions));
  // Warm-up: the first replay after trim() pays the page faults of touching fresh memory.
  replay(trace, allocator, slots, align);
  allocator.reset();
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    replay(trace, allocator, slots, align);
    allocator.reset();
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    throughputs.push_back(static_cast<double>(trace.ops.size()) / seconds.count());
  }
  result.ops_per_second = median(std::move(throughputs));
  return result;
}

}  // namespace mw::bench
