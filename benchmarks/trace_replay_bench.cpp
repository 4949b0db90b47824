// bench-trace-replay — exercise 04's traces replayed on every allocator, under Google
// Benchmark (mdriver measures the same with its own loop and adds utilization).
//
// One benchmark per (trace, allocator): the allocator is checked once (a broken allocator
// is reported, not timed), warmed up by one replay, then each iteration is one replay plus
// the reset() after it. Compare items_per_second within one run.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "allocator.hpp"
#include "checker.hpp"
#include "slab_adapter.hpp"
#include "stats.hpp"
#include "trace.hpp"
#include "workload.hpp"

namespace {

using mw::bench::AllocatorUnderTest;
using Factory = std::unique_ptr<AllocatorUnderTest> (*)();

constexpr std::size_t align = alignof(std::max_align_t);

void replay_benchmark(benchmark::State& state, const mw::bench::Trace& trace, Factory make) {
  const auto allocator = make();
  if (const auto violation = mw::bench::check_trace(trace, *allocator, align)) {
    state.SkipWithError(violation->message.c_str());
    return;
  }
  std::vector<void*> slots(trace.slot_count, nullptr);
  mw::bench::replay(trace, *allocator, slots, align);  // warm-up: first-touch page faults
  allocator->reset();
  for (auto _ : state) {
    mw::bench::replay(trace, *allocator, slots, align);
    allocator->reset();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * trace.ops.size()));
}

/// The shipped traces, in a fixed order, and the workload of exercise 04.
std::vector<mw::bench::Trace> all_traces() {
  std::vector<mw::bench::Trace> traces;
  for (const char* name : {"game-loop.rep", "fixed-churn.rep", "mixed-realloc.rep"}) {
    traces.push_back(mw::bench::load_trace(std::filesystem::path(MW_TRACES_DIR) / name));
  }
  traces.push_back(mw::bench::make_workload(1));
  return traces;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  static const std::vector<mw::bench::Trace> traces = all_traces();  // outlives the runs
  const std::pair<const char*, Factory> allocators[] = {
      {"glibc", mw::bench::make_glibc_allocator},
      {"mimalloc", mw::bench::make_mimalloc_allocator},
      {"jemalloc", mw::bench::make_jemalloc_allocator},
      {"bump", mw::bench::make_bump_allocator},
      {"slab", mw::bench::make_slab_allocator},  // exercise 13, benchmarks/slab_adapter.cpp
      {"pool", mw::bench::make_pool_allocator},  // exercise 12, benchmarks/slab_adapter.cpp
  };
  for (const auto& trace : traces) {
    for (const auto& [name, make] : allocators) {
      benchmark::RegisterBenchmark(
          ("replay/" + trace.name + "/" + name).c_str(),
          [&trace, make = make](benchmark::State& state) { replay_benchmark(state, trace, make); });
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
