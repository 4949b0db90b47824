// bench-cow — what a CowVec (exercise 08) copy costs against a std::vector copy of the
// same 1000 ints, with the allocations of each copy counted: the implicitly shared copy
// must allocate nothing. (Rc against shared_ptr is in bench-arc, exercise 07's benchmark.)
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <numeric>
#include <vector>

#include "cow_vec.hpp"

namespace {

// Counts every global allocation, to report allocations per copy.
std::atomic<long> allocations{0};

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

BENCHMARK(BM_CowVecCopy);
BENCHMARK(BM_VectorCopy);

}  // namespace

// The counting global operator new (only the plain forms are used by these benchmarks).
void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

BENCHMARK_MAIN();
