// bench-arc — what a shared handle costs: exercise 07's Arc and IntrusiveArc, exercise 06's
// Rc, and std::shared_ptr, in a process with one thread and in one with several.
//
// libstdc++ decides per operation whether shared_ptr's counts need atomics: while
// `__libc_single_threaded` (glibc >= 2.32; older libstdc++ asked `__gthread_active_p()`) is
// true, the process has never started a thread and a plain add is used. The first
// std::thread clears it for good. A benchmark that never starts a thread therefore measures a
// shared_ptr no multi-threaded program ever gets. So main() runs every benchmark twice: once
// before any thread exists (names start with `Unthreaded/`), then after starting and joining
// one thread (`Threaded/`). mw::Arc and IntrusiveArc always use atomics; Rc never does.
//
// Before the benchmarks it prints the handle sizes, the bytes and the allocations behind one
// shared int. Benchmarks: copy+drop of a handle (one thread), the same with two threads
// copying one shared handle (the count's cache line bounces between cores), and
// make+drop of a new shared value.
#include <benchmark/benchmark.h>
#include <sys/single_threaded.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <memory>
#include <new>
#include <string>
#include <thread>

#include "arc.hpp"
#include "intrusive_arc.hpp"
#include "rc.hpp"

namespace {

/// The intrusive value: an int plus the count RefCounted adds.
struct CountedInt : mw::RefCounted<CountedInt> {
  explicit CountedInt(int v) : value(v) {}
  int value;
};

/// An allocator that records the size of every allocation it makes (for shared_ptr's blocks).
template <class T>
struct RecordingAllocator {
  using value_type = T;
  std::size_t* bytes;
  std::size_t* count;

  explicit RecordingAllocator(std::size_t* b, std::size_t* c) : bytes(b), count(c) {}
  template <class U>
  RecordingAllocator(const RecordingAllocator<U>& other) : bytes(other.bytes), count(other.count) {}
  T* allocate(std::size_t n) {
    *bytes += n * sizeof(T);
    ++*count;
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) { std::allocator<T>().deallocate(p, n); }
  friend bool operator==(const RecordingAllocator&, const RecordingAllocator&) = default;
};

/// Effects: prints the sizes, bytes and allocations of each design for one shared int.
void print_layout() {
  std::size_t made_bytes = 0, made_count = 0, adopted_bytes = 0, adopted_count = 0;
  {
    auto made = std::allocate_shared<int>(RecordingAllocator<int>(&made_bytes, &made_count), 1);
    std::shared_ptr<int> adopted(new int(1), std::default_delete<int>(),
                                 RecordingAllocator<int>(&adopted_bytes, &adopted_count));
  }
  std::printf("%-28s %8s %14s %12s\n", "one shared int", "handle", "bytes/object", "allocations");
  std::printf("%-28s %8zu %14zu %12zu\n", "std::make_shared", sizeof(std::shared_ptr<int>),
              made_bytes, made_count);
  std::printf("%-28s %8zu %14zu %12zu\n", "std::shared_ptr(new int)", sizeof(std::shared_ptr<int>),
              adopted_bytes + sizeof(int), adopted_count + 1);
  std::printf("%-28s %8zu %14zu %12d\n", "mw::make_arc", sizeof(mw::Arc<int>),
              sizeof(mw::ArcInner<int>), 1);
  std::printf("%-28s %8zu %14zu %12d\n", "mw::make_intrusive", sizeof(mw::IntrusiveArc<CountedInt>),
              sizeof(CountedInt), 1);
  std::printf("%-28s %8zu %14zu %12d\n\n", "mw::make_rc (exercise 06)", sizeof(mw::Rc<int>),
              sizeof(mw::RcBox<int>), 1);
}

/// Copies `shared` and drops the copy once per iteration: one increment, one decrement.
template <class Handle>
void copy_drop(benchmark::State& state, const Handle& shared) {
  for (auto _ : state) {
    Handle copy = shared;
    benchmark::DoNotOptimize(copy);
  }
}

// One handle per benchmark; in the contended runs every thread copies this same one.
const auto shared_ptr_value = std::make_shared<int>(1);
const auto arc_value = mw::make_arc<int>(1);
const auto intrusive_value = mw::make_intrusive<CountedInt>(1);
const auto rc_value = mw::make_rc<int>(1);

void BM_CopyDrop_SharedPtr(benchmark::State& state) {
  copy_drop(state, shared_ptr_value);
}
void BM_CopyDrop_Arc(benchmark::State& state) {
  copy_drop(state, arc_value);
}
void BM_CopyDrop_IntrusiveArc(benchmark::State& state) {
  copy_drop(state, intrusive_value);
}
void BM_CopyDrop_Rc(benchmark::State& state) {
  copy_drop(state, rc_value);
}

/// Creates a shared value and drops it once per iteration: allocation, counts, free.
template <class Make>
void make_drop(benchmark::State& state, Make make) {
  for (auto _ : state) {
    auto handle = make();
    benchmark::DoNotOptimize(handle);
  }
}

void BM_MakeDrop_MakeShared(benchmark::State& state) {
  make_drop(state, [] { return std::make_shared<int>(1); });
}
void BM_MakeDrop_SharedPtrNew(benchmark::State& state) {
  make_drop(state, [] { return std::shared_ptr<int>(new int(1)); });
}
void BM_MakeDrop_MakeArc(benchmark::State& state) {
  make_drop(state, [] { return mw::make_arc<int>(1); });
}
void BM_MakeDrop_MakeIntrusive(benchmark::State& state) {
  make_drop(state, [] { return mw::make_intrusive<CountedInt>(1); });
}

/// Registers every benchmark under `prefix`; the contended ones only in a threaded process
/// (running two threads would make the process threaded anyway).
void register_all(const std::string& prefix, bool threaded) {
  const auto add = [&](const char* name, void (*fn)(benchmark::State&)) {
    return benchmark::RegisterBenchmark((prefix + name).c_str(), fn);
  };
  add("CopyDrop/SharedPtr", BM_CopyDrop_SharedPtr);
  add("CopyDrop/Arc", BM_CopyDrop_Arc);
  add("CopyDrop/IntrusiveArc", BM_CopyDrop_IntrusiveArc);
  add("CopyDrop/Rc", BM_CopyDrop_Rc);
  add("MakeDrop/MakeShared", BM_MakeDrop_MakeShared);
  add("MakeDrop/SharedPtrNew", BM_MakeDrop_SharedPtrNew);
  add("MakeDrop/MakeArc", BM_MakeDrop_MakeArc);
  add("MakeDrop/MakeIntrusive", BM_MakeDrop_MakeIntrusive);
  if (threaded) {
    add("ContendedCopyDrop/SharedPtr", BM_CopyDrop_SharedPtr)->Threads(2)->UseRealTime();
    add("ContendedCopyDrop/Arc", BM_CopyDrop_Arc)->Threads(2)->UseRealTime();
    add("ContendedCopyDrop/IntrusiveArc", BM_CopyDrop_IntrusiveArc)->Threads(2)->UseRealTime();
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  print_layout();
  // One reporter for both runs (libbenchmark 1.7.1 crashes when its default one is made
  // twice); coloured on a terminal only, as the default one would be.
  benchmark::ConsoleReporter reporter(isatty(STDOUT_FILENO) != 0
                                          ? benchmark::ConsoleReporter::OO_ColorTabular
                                          : benchmark::ConsoleReporter::OO_Tabular);

  std::printf("__libc_single_threaded = %d: shared_ptr counts with plain adds\n",
              static_cast<int>(__libc_single_threaded));
  register_all("Unthreaded/", false);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::ClearRegisteredBenchmarks();

  std::thread([] {}).join();  // from here on, libstdc++ uses atomic counts for good
  std::printf("\n__libc_single_threaded = %d: shared_ptr counts with atomic adds\n",
              static_cast<int>(__libc_single_threaded));
  register_all("Threaded/", true);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
