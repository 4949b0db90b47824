// bench-tracking-resource — what exercise 02's TrackingResource adds to its upstream.
//
// The same churn (a batch of mixed sizes allocated, then deallocated) runs through an
// upstream alone and through a TrackingResource wrapping that upstream. The tracking cost
// is a fixed number of atomic operations per call, so it shows most against a fast
// upstream: new_delete_resource (glibc malloc) is the goal's case (<= 10% overhead), an
// unsynchronized_pool_resource shows the worst case.
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory_resource>

#include "tracking.hpp"

namespace {

constexpr std::array<std::size_t, 8> sizes = {16, 24, 40, 64, 96, 128, 256, 512};
constexpr std::size_t batch = 64;

/// Allocates `batch` blocks of cycling sizes from `resource`, then deallocates them.
void churn(benchmark::State& state, std::pmr::memory_resource& resource) {
  std::array<void*, batch> blocks{};
  for (auto _ : state) {
    for (std::size_t i = 0; i < batch; ++i) {
      blocks[i] = resource.allocate(sizes[i % sizes.size()], alignof(std::max_align_t));
      benchmark::DoNotOptimize(blocks[i]);
    }
    for (std::size_t i = 0; i < batch; ++i) {
      resource.deallocate(blocks[i], sizes[i % sizes.size()], alignof(std::max_align_t));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}

void BM_NewDelete(benchmark::State& state) {
  churn(state, *std::pmr::new_delete_resource());
}

void BM_TrackingOverNewDelete(benchmark::State& state) {
  mw::TrackingResource tracking(std::pmr::new_delete_resource());
  churn(state, tracking);
}

void BM_Pool(benchmark::State& state) {
  std::pmr::unsynchronized_pool_resource pool;
  churn(state, pool);
}

void BM_TrackingOverPool(benchmark::State& state) {
  std::pmr::unsynchronized_pool_resource pool;
  mw::TrackingResource tracking(&pool);
  churn(state, tracking);
}

BENCHMARK(BM_NewDelete);
BENCHMARK(BM_TrackingOverNewDelete);
BENCHMARK(BM_Pool);
BENCHMARK(BM_TrackingOverPool);

}  // namespace

BENCHMARK_MAIN();
