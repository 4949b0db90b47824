// bench-12-typed-arena-and-pool — exercise 12's TypedArena against `new`, and its ObjectPool
// against glibc malloc and mimalloc, on the workloads each one is for.
//
// Goals: TypedArena::alloc at least 3x faster than new; pool alloc+free of 64-byte
// objects with 1000 live at least 4x faster than glibc malloc and 2x faster than mimalloc.
//
// This one source builds two programs, because linking libmimalloc.so replaces malloc (and so
// `new`) process-wide:
// - bench-12-typed-arena-and-pool links no other allocator: `new` and `malloc` are glibc's,
//   exactly what an ordinary program gets;
// - bench-12-typed-arena-and-pool-mimalloc (MW_BENCH_MIMALLOC) links libmimalloc and runs
//   the pool workload three ways in ONE run: the pool, mimalloc through its own API
//   (mi_malloc/mi_free) and glibc through the definitions inside libc.so.6 found with dlsym,
//   as exercise 04's harness does (the plain name `malloc` is mimalloc's in that process).
// Every contender constructs and destroys the same 64-byte object, and all replay the same
// sequence of slots, so the only difference is where the memory comes from.
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <memory_resource>
#include <random>
#include <vector>

#include "object_pool.hpp"
#include "typed_arena.hpp"

#ifdef MW_BENCH_MIMALLOC
#include <dlfcn.h>
#include <mimalloc.h>

#include <stdexcept>
#endif

namespace {

/// A 64-byte object, one cache line: what pools and slabs are usually asked for. Its
/// constructor leaves it uninitialised, so what is measured is the memory management, not a
/// 64-byte memset; every contender constructs it the same way (placement new after malloc).
struct Particle {
  Particle() noexcept {}  // NOLINT: deliberately leaves the fields uninitialised
  double position[3];
  double velocity[3];
  std::uint64_t id;
  std::uint64_t age;
};
static_assert(sizeof(Particle) == 64, "the workload is about 64-byte objects");

constexpr std::size_t live = 1000;   ///< objects alive at once in the pool workload
constexpr std::size_t batch = 1024;  ///< objects per arena lifetime
constexpr std::size_t steps = 4096;  ///< release+acquire steps per benchmark iteration

/// The slots to recycle, in order: the same pseudo-random sequence for every contender.
const std::vector<std::uint32_t>& victims() {
  static const std::vector<std::uint32_t> sequence = [] {
    std::mt19937 random(2026);
    std::vector<std::uint32_t> v(steps);
    for (auto& i : v) i = static_cast<std::uint32_t>(random() % live);
    return v;
  }();
  return sequence;
}

/// The pool workload on a raw allocator: 1000 live objects; each step destroys and frees a
/// pseudo-random one and allocates and constructs its replacement.
template <class Allocate, class Free>
void churn(benchmark::State& state, Allocate allocate, Free free) {
  std::array<Particle*, live> objects{};
  for (std::size_t i = 0; i < live; ++i) objects[i] = ::new (allocate(sizeof(Particle))) Particle();
  for (auto _ : state) {
    for (const std::uint32_t victim : victims()) {
      std::destroy_at(objects[victim]);
      free(objects[victim]);
      objects[victim] = ::new (allocate(sizeof(Particle))) Particle();
      benchmark::DoNotOptimize(objects[victim]);
    }
  }
  for (Particle* p : objects) {
    std::destroy_at(p);
    free(p);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * steps));
}

// Exercise 12's pool: the same workload with handles (release = destroy + push the slot).
void BM_PoolChurn(benchmark::State& state) {
  mw::ObjectPool<Particle> pool(live);
  std::vector<mw::ObjectPool<Particle>::Handle> objects;
  for (std::size_t i = 0; i < live; ++i) objects.push_back(pool.acquire());
  for (auto _ : state) {
    for (const std::uint32_t victim : victims()) {
      objects[victim].reset();
      objects[victim] = pool.acquire();
      benchmark::DoNotOptimize(objects[victim].get());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * steps));
}
BENCHMARK(BM_PoolChurn);

#ifndef MW_BENCH_MIMALLOC

// Exercise 12's arena: `batch` objects, then the arena's end destroys them and frees its
// chunks (default first chunk: one 4 KiB page of objects, doubling).
void BM_TypedArenaAlloc(benchmark::State& state) {
  for (auto _ : state) {
    mw::TypedArena<Particle> arena(std::pmr::new_delete_resource());
    for (std::size_t i = 0; i < batch; ++i) benchmark::DoNotOptimize(&arena.alloc());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}
BENCHMARK(BM_TypedArenaAlloc);

// What the arena replaces: `new` for each object, `delete` for each at the end.
void BM_NewDelete(benchmark::State& state) {
  std::array<Particle*, batch> objects{};
  for (auto _ : state) {
    for (std::size_t i = 0; i < batch; ++i) {
      objects[i] = new Particle();
      benchmark::DoNotOptimize(objects[i]);
    }
    for (Particle* p : objects) delete p;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}
BENCHMARK(BM_NewDelete);

// glibc malloc, the process allocator of this program.
void BM_GlibcChurn(benchmark::State& state) {
  churn(
      state, [](std::size_t n) { return std::malloc(n); }, [](void* p) { std::free(p); });
}
BENCHMARK(BM_GlibcChurn);

#else

/// glibc's malloc and free, from inside libc.so.6: libmimalloc.so owns the plain names here.
struct Glibc {
  decltype(&std::malloc) malloc;
  decltype(&std::free) free;
  static const Glibc& get() {
    static const Glibc functions = [] {
      void* libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
      void* m = libc != nullptr ? dlsym(libc, "malloc") : nullptr;
      void* f = libc != nullptr ? dlsym(libc, "free") : nullptr;
      if (m == nullptr || f == nullptr) throw std::runtime_error("glibc's malloc not found");
      return Glibc{reinterpret_cast<decltype(&std::malloc)>(m),
                   reinterpret_cast<decltype(&std::free)>(f)};
    }();
    return functions;
  }
};

void BM_GlibcChurn(benchmark::State& state) {
  const Glibc& glibc = Glibc::get();
  churn(state, glibc.malloc, glibc.free);
}
BENCHMARK(BM_GlibcChurn);

// mimalloc through its own entry points.
void BM_MimallocChurn(benchmark::State& state) {
  churn(
      state, [](std::size_t n) { return mi_malloc(n); }, [](void* p) { mi_free(p); });
}
BENCHMARK(BM_MimallocChurn);

#endif

}  // namespace

BENCHMARK_MAIN();
