// bench-smart-pointers — the costs the days 3-4 lesson quotes, measured in one run:
//   * Rc (exercise 06, non-atomic counts) copy+drop vs std::shared_ptr copy+drop, in a
//     process that has started a thread: libstdc++ switches shared_ptr to atomic counts
//     once a thread exists (__gthread_active_p), so a benchmark that never starts one
//     measures the single-threaded shortcut, not what a real program pays;
//   * CowVec (exercise 08) copy vs std::vector copy of the same 1000 ints, with the
//     allocations of each copy counted.
// Sizes (one pointer for Rc, two for shared_ptr) are checked with static_assert.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <numeric>
#include <thread>
#include <vector>

#include "cow_vec.hpp"
#include "rc.hpp"

static_assert(sizeof(mw::Rc<int>) == sizeof(void*), "Rc is one pointer wide");
static_assert(sizeof(std::shared_ptr<int>) == 2 * sizeof(void*), "shared_ptr is two pointers wide");

namespace {

// Counts every global allocation, to report allocations per copy.
std::atomic<long> allocations{0};

// Starts (and joins) a thread once, before any benchmark runs: from then on libstdc++
// uses atomic reference counts, as it does in any program that has threads.
const bool threads_started = [] {
  std::thread([] {}).join();
  return true;
}();

void BM_RcCopyDrop(benchmark::State& state) {
  const mw::Rc<int> original = mw::make_rc<int>(42);
  for (auto _ : state) {
    mw::Rc<int> copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
    benchmark::DoNotOptimize(copy);
  }
}

void BM_SharedPtrCopyDrop(benchmark::State& state) {
  const std::shared_ptr<int> original = std::make_shared<int>(42);
  for (auto _ : state) {
    std::shared_ptr<int> copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
    benchmark::DoNotOptimize(copy);
  }
}

constexpr int kElements = 1000;

std::vector<int> numbers() {
  std::vector<int> v(kElements);
  std::iota(v.begin(), v.end(), 0);
  return v;
}

void BM_CowVecCopy(benchmark::State& state) {
  const mw::CowVec<int> original(numbers());
  const long before = allocations.load();
  for (auto _ : state) {
    mw::CowVec<int> copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
    benchmark::DoNotOptimize(copy);
  }
  state.counters["allocs_per_copy"] =
      static_cast<double>(allocations.load() - before) / static_cast<double>(state.iterations());
}

void BM_VectorCopy(benchmark::State& state) {
  const std::vector<int> original = numbers();
  const long before = allocations.load();
  for (auto _ : state) {
    std::vector<int> copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
    benchmark::DoNotOptimize(copy.data());
  }
  state.counters["allocs_per_copy"] =
      static_cast<double>(allocations.load() - before) / static_cast<double>(state.iterations());
}

BENCHMARK(BM_RcCopyDrop);
BENCHMARK(BM_SharedPtrCopyDrop);
BENCHMARK(BM_CowVecCopy);
BENCHMARK(BM_VectorCopy);

}  // namespace

// The counting global operator new (only the plain forms are used by these benchmarks).
void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

BENCHMARK_MAIN();
