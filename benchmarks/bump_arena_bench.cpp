// bench-bump-arena — what a bump allocation costs, against its floor and against malloc.
//
// Every benchmark allocates a batch of small objects and then drops them all at once (an
// arena reset, a buffer rewind, a loop of free), so the per-object numbers compare like
// with like. Goals: the arena within 1.3x of the raw pointer bump, and at least 10x faster
// than malloc+free. This binary links neither mimalloc nor jemalloc, so malloc is glibc's.
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory_resource>
#include <vector>

#include "bump_arena.hpp"

namespace {

constexpr std::size_t batch = 1024;  ///< objects allocated between two resets
constexpr std::size_t object_size = 24;
constexpr std::size_t object_align = 8;
constexpr std::size_t buffer_bytes = batch * (object_size + object_align);

/// Out of line so the hot loop keeps only a compare and a branch for it, as the arena does.
[[noreturn, gnu::noinline]] void out_of_buffer() {
  std::abort();
}

/// Effects: allocates one batch of objects from `arena` (a BumpArena or a memory_resource:
/// both spell it allocate(size, align)); the caller then drops them all at once. Always
/// inlined, so each benchmark's loop is the one it would be written out by hand.
template <class Arena>
[[gnu::always_inline]] inline void allocate_batch(Arena& arena) {
  for (std::size_t i = 0; i < batch; ++i) {
    benchmark::DoNotOptimize(arena.allocate(object_size, object_align));
  }
}

/// Effects: reports `batch` objects per iteration, so every benchmark gives a time per object.
void count_objects(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}

// The floor: a pointer bumped down through one buffer (subtract, mask, compare). No chunks.
void BM_RawPointerBump(benchmark::State& state) {
  std::vector<std::byte> buffer(buffer_bytes);
  const auto bottom = reinterpret_cast<std::uintptr_t>(buffer.data());
  for (auto _ : state) {
    std::uintptr_t top = bottom + buffer.size();
    for (std::size_t i = 0; i < batch; ++i) {
      const std::uintptr_t p = (top - object_size) & ~(object_align - 1);
      if (p < bottom) out_of_buffer();
      top = p;
      benchmark::DoNotOptimize(reinterpret_cast<void*>(p));
    }
  }
  count_objects(state);
}

// Exercise 03's arena: allocate a batch, reset (which keeps the chunk, so no upstream calls
// after the first iteration).
void BM_BumpArena(benchmark::State& state) {
  mw::BumpArena arena;
  for (auto _ : state) {
    allocate_batch(arena);
    arena.reset();
  }
  count_objects(state);
}

// The standard library's arena, for comparison: monotonic_buffer_resource over a buffer.
void BM_MonotonicBufferResource(benchmark::State& state) {
  std::vector<std::byte> buffer(buffer_bytes);
  std::pmr::monotonic_buffer_resource arena(buffer.data(), buffer.size(),
                                            std::pmr::null_memory_resource());
  for (auto _ : state) {
    allocate_batch(arena);
    arena.release();
  }
  count_objects(state);
}

// glibc malloc, then free of every object: what the arena replaces.
void BM_MallocFree(benchmark::State& state) {
  std::array<void*, batch> blocks{};
  for (auto _ : state) {
    for (void*& block : blocks) {
      block = std::malloc(object_size);
      benchmark::DoNotOptimize(block);
    }
    for (void* block : blocks) std::free(block);
  }
  count_objects(state);
}

BENCHMARK(BM_RawPointerBump);
BENCHMARK(BM_BumpArena);
BENCHMARK(BM_MonotonicBufferResource);
BENCHMARK(BM_MallocFree);

}  // namespace

BENCHMARK_MAIN();
