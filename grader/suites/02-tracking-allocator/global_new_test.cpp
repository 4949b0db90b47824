// Hidden tests for the replaced global operator new/delete, mw::global_stats,
// mw::thread_stats and mw::ScopedCounter.
//
// Every test measures with a ScopedCounter (so none passes on the stub,
// whose operator new works but counts nothing) and frees what it allocates.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <latch>
#include <new>
#include <ostream>
#include <thread>
#include <vector>

#include <mwtest/address.hpp>

#include "global_new.hpp"

// Failed allocations are part of the contract under test: let ASan's malloc
// return null for a huge request instead of aborting the test binary.
extern "C" const char* __asan_default_options() {
  return "allocator_may_return_null=1";
}

namespace mw {
// Readable failure messages for EXPECT_EQ on AllocStats (found by argument-dependent lookup).
void PrintTo(const AllocStats& s, std::ostream* os) {
  *os << "{allocations " << s.allocations << ", deallocations " << s.deallocations
      << ", bytes_allocated " << s.bytes_allocated << ", bytes_deallocated " << s.bytes_deallocated
      << "}";
}
}  // namespace mw

namespace {

// Bigger than any machine can give, and small enough that adding a header cannot wrap.
constexpr std::size_t kHuge = std::size_t{1} << 62;
// SIZE_MAX, hidden from the compiler, which would warn about a call it can prove must fail.
volatile std::size_t g_size_max = SIZE_MAX;

// Keeps the optimizer from removing a new/delete pair it can see through.
void* volatile g_sink;
void escape(void* p) {
  g_sink = p;
}

using mwtest::is_aligned;

struct alignas(256) Page {
  char bytes[512];
};

// Plain new/delete are counted with their exact size and delete of null is not counted; kills
// missing counting, headerless unsized delete, and dereferencing null in delete.
TEST(GlobalNew, PlainNewAndDeleteAreCounted) {
  mw::ScopedCounter counter;
  void* p = ::operator new(24);
  escape(p);
  EXPECT_EQ(counter.stats(), (mw::AllocStats{1, 0, 24, 0}));
  ::operator delete(p);
  ::operator delete(nullptr);
  EXPECT_EQ(counter.stats(), (mw::AllocStats{1, 1, 24, 24}));
}

// new[]/delete[] (expression and direct calls, sized or not) are counted; kills array forms
// that bypass the counters.
TEST(GlobalNew, ArrayFormsAreCounted) {
  mw::ScopedCounter counter;
  int* ints = new int[10];
  escape(ints);
  delete[] ints;
  void* raw = ::operator new[](33);
  escape(raw);
  ::operator delete[](raw, 33);
  void* unsized = ::operator new[](7);
  escape(unsized);
  ::operator delete[](unsized);
  EXPECT_EQ(counter.stats(), (mw::AllocStats{3, 3, 80, 80}));
}

// Sized delete (called by delete-expressions of complete types) subtracts the block's size;
// kills a sized delete that counts zero bytes or does not count.
TEST(GlobalNew, SizedDeleteSubtractsTheBlockSize) {
  struct Forty {
    char bytes[40];
  };
  mw::ScopedCounter counter;
  void* p = ::operator new(40);
  escape(p);
  ::operator delete(p, 40);
  Forty* f = new Forty;
  escape(f);
  delete f;
  EXPECT_EQ(counter.stats(), (mw::AllocStats{2, 2, 80, 80}));
}

// The align_val_t forms return memory aligned as asked, counted, and freed by every aligned delete
// form; kills ignoring the alignment and an aligned delete left to the library (ASan mismatch).
TEST(GlobalNew, AlignedFormsReturnAlignedCountedMemory) {
  mw::ScopedCounter counter;
  std::size_t bytes = 0;
  for (std::size_t alignment : {32u, 64u, 256u, 4096u}) {
    const std::align_val_t al{alignment};
    void* single = ::operator new(100, al);
    void* array = ::operator new[](100, al);
    void* sized = ::operator new(100, al);
    void* sized_array = ::operator new[](100, al);
    for (void* p : {single, array, sized, sized_array}) {
      escape(p);
      EXPECT_TRUE(is_aligned(p, alignment)) << "alignment " << alignment;
    }
    ::operator delete(single, al);
    ::operator delete[](array, al);
    ::operator delete(sized, 100, al);
    ::operator delete[](sized_array, 100, al);
    bytes += 400;
  }
  EXPECT_EQ(counter.stats(), (mw::AllocStats{16, 16, bytes, bytes}));
}

// new/delete expressions of an over-aligned type pick the aligned forms, which must work and
// count; kills an aligned new that forwards to plain malloc.
TEST(GlobalNew, OverAlignedNewExpressionsUseTheAlignedForms) {
  mw::ScopedCounter counter;
  Page* one = new Page;
  Page* three = new Page[3];
  escape(one);
  escape(three);
  EXPECT_TRUE(is_aligned(one, 256));
  EXPECT_TRUE(is_aligned(three, 256));
  delete one;
  delete[] three;
  EXPECT_EQ(counter.stats(), (mw::AllocStats{2, 2, 4 * sizeof(Page), 4 * sizeof(Page)}));
}

// Every nothrow form returns null on failure without throwing or counting, and counts a success;
// kills a nothrow new that throws or lets the exception escape a noexcept function.
TEST(GlobalNew, NothrowFormsReturnNullOnFailure) {
  mw::ScopedCounter counter;
  const std::align_val_t al{64};
  EXPECT_EQ(::operator new(kHuge, std::nothrow), nullptr);
  EXPECT_EQ(::operator new[](kHuge, std::nothrow), nullptr);
  EXPECT_EQ(::operator new(kHuge, al, std::nothrow), nullptr);
  EXPECT_EQ(::operator new[](kHuge, al, std::nothrow), nullptr);
  EXPECT_EQ(counter.stats(), mw::AllocStats{});

  void* single = ::operator new(8, std::nothrow);
  void* array = ::operator new[](8, std::nothrow);
  void* aligned = ::operator new(8, al, std::nothrow);
  void* aligned_array = ::operator new[](8, al, std::nothrow);
  for (void* p : {single, array, aligned, aligned_array}) {
    escape(p);
    ASSERT_NE(p, nullptr);
  }
  EXPECT_TRUE(is_aligned(aligned, 64));
  EXPECT_TRUE(is_aligned(aligned_array, 64));
  ::operator delete(single, std::nothrow);
  ::operator delete[](array, std::nothrow);
  ::operator delete(aligned, al, std::nothrow);
  ::operator delete[](aligned_array, al, std::nothrow);
  EXPECT_EQ(counter.stats(), (mw::AllocStats{4, 4, 32, 32}));
}

// The throwing forms throw std::bad_alloc on failure and count nothing; kills returning null.
TEST(GlobalNew, ThrowingFormsThrowBadAllocOnFailure) {
  mw::ScopedCounter counter;
  EXPECT_THROW(escape(::operator new(kHuge)), std::bad_alloc);
  EXPECT_THROW(escape(::operator new[](kHuge)), std::bad_alloc);
  EXPECT_THROW(escape(::operator new (kHuge, std::align_val_t{64})), std::bad_alloc);
  EXPECT_THROW(escape(::operator new[](kHuge, std::align_val_t{64})), std::bad_alloc);
  EXPECT_EQ(counter.stats(), mw::AllocStats{});
}

// A size so large that adding the header wraps around must fail, not return a tiny block; kills
// an unchecked `size + header` overflow.
TEST(GlobalNew, SizeMaxFailsInsteadOfWrapping) {
  mw::ScopedCounter counter;
  EXPECT_THROW(escape(::operator new(g_size_max)), std::bad_alloc);
  EXPECT_THROW(escape(::operator new (g_size_max - 8, std::align_val_t{4096})), std::bad_alloc);
  EXPECT_EQ(::operator new[](g_size_max, std::nothrow), nullptr);
  EXPECT_EQ(counter.stats(), mw::AllocStats{});
}

// On failure operator new calls the installed new_handler and retries until the handler gives up
// (here: uninstalls itself), then throws; kills a missing new_handler loop.
TEST(GlobalNew, FailedNewCallsTheNewHandlerUntilItGivesUp) {
  static int calls;
  calls = 0;
  std::set_new_handler([] {
    if (++calls == 3) std::set_new_handler(nullptr);
  });
  mw::ScopedCounter counter;
  EXPECT_THROW(escape(::operator new(kHuge)), std::bad_alloc);
  std::set_new_handler(nullptr);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(counter.stats(), mw::AllocStats{});
}

// Every nothrow form runs the same new_handler loop as the throwing forms before it gives up with
// null (README: "the nothrow forms call the new_handler"); kills a nothrow form that returns null
// at the first failure without calling the handler.
TEST(GlobalNew, NothrowFormsCallTheNewHandlerToo) {
  static int calls;
  calls = 0;
  std::set_new_handler([] {
    if (++calls % 2 == 0) throw std::bad_alloc();  // gives up on its second call
  });
  mw::ScopedCounter counter;
  const std::align_val_t al{64};
  EXPECT_EQ(::operator new(kHuge, std::nothrow), nullptr);
  EXPECT_EQ(::operator new[](kHuge, std::nothrow), nullptr);
  EXPECT_EQ(::operator new(kHuge, al, std::nothrow), nullptr);
  EXPECT_EQ(::operator new[](kHuge, al, std::nothrow), nullptr);
  std::set_new_handler(nullptr);
  EXPECT_EQ(calls, 8);
  EXPECT_EQ(counter.stats(), mw::AllocStats{});
}

// new of size 0 returns distinct non-null pointers, counted as allocations of 0 bytes; kills
// returning null or one shared pointer for size 0.
TEST(GlobalNew, SizeZeroReturnsUniqueNonNullPointers) {
  mw::ScopedCounter counter;
  void* a = ::operator new(0);
  void* b = ::operator new(0);
  void* c = ::operator new[](0, std::align_val_t{64});
  for (void* p : {a, b, c}) {
    escape(p);
    ASSERT_NE(p, nullptr);
  }
  EXPECT_NE(a, b);
  EXPECT_TRUE(is_aligned(c, 64));
  ::operator delete(a);
  ::operator delete(b);
  ::operator delete[](c, std::align_val_t{64});
  EXPECT_EQ(counter.stats(), (mw::AllocStats{3, 3, 0, 0}));
}

// Standard containers allocate through the replacement: vector<int>::reserve(100) is exactly one
// 400-byte allocation.
TEST(GlobalNew, StdVectorReserveIsOneCountedAllocation) {
  mw::ScopedCounter counter;
  {
    std::vector<int> v;
    v.reserve(100);
    EXPECT_EQ(counter.stats(), (mw::AllocStats{1, 0, 400, 0}));
  }
  EXPECT_EQ(counter.stats(), (mw::AllocStats{1, 1, 400, 400}));
}

// A ScopedCounter sees only its own thread after its construction, and counters nest; kills a
// ScopedCounter built on the process-wide counters or that never snapshots its start.
TEST(ScopedCounter, MeasuresOnlyItsThreadAndRegion) {
  void* before = ::operator new(64);
  escape(before);
  mw::ScopedCounter outer;
  std::thread other([] {
    for (int i = 0; i < 100; ++i) {
      void* q = ::operator new(16);
      escape(q);
      ::operator delete(q);
    }
  });
  other.join();
  mw::ScopedCounter inner;
  void* p = ::operator new(10);
  escape(p);
  EXPECT_EQ(inner.stats(), (mw::AllocStats{1, 0, 10, 0}));
  ::operator delete(p);
  ::operator delete(before);
  EXPECT_EQ(inner.stats(), (mw::AllocStats{1, 2, 10, 74}));
  EXPECT_EQ(inner.stats().net_bytes(), -64);
  // `outer` also saw the std::thread's own state, allocated here and freed by the thread.
  EXPECT_GE(outer.stats().allocations, 2u);
  EXPECT_EQ(outer.stats().deallocations, 2u);
}

// 8 threads x 200000 new/delete: each thread counts exactly its own, and the process-wide
// counters equal the sum with nothing live; kills non-atomic global counters and shared thread
// counters (enough rounds that the threads overlap even on a busy machine).
TEST(GlobalNew, ExactTotalsUnderEightThreads) {
  constexpr int kThreads = 8, kRounds = 200000;
  std::array<mw::AllocStats, kThreads> per_thread{};
  std::latch start(kThreads);  // all threads loop at once: the races a plain ++ loses
  const mw::AllocStats global_before = mw::global_stats();
  mw::ScopedCounter main_thread;
  {
    std::vector<std::thread> pool;
    for (int t = 0; t < kThreads; ++t) {
      pool.emplace_back([&per_thread, &start, t] {
        start.arrive_and_wait();
        mw::ScopedCounter counter;
        for (int i = 0; i < kRounds; ++i) {
          void* p = ::operator new(16 + t);
          escape(p);
          ::operator delete(p);
        }
        per_thread[t] = counter.stats();
      });
    }
    for (auto& thread : pool) thread.join();
  }
  const mw::AllocStats main_stats = main_thread.stats();
  const mw::AllocStats global = mw::global_stats() - global_before;

  std::size_t worker_allocations = 0;
  for (int t = 0; t < kThreads; ++t) {
    const std::size_t bytes = std::size_t{kRounds} * (16 + t);
    EXPECT_EQ(per_thread[t], (mw::AllocStats{kRounds, kRounds, bytes, bytes})) << "thread " << t;
    worker_allocations += per_thread[t].allocations;
  }
  // Every allocation happened on a worker or on this thread (the std::thread states).
  EXPECT_EQ(global.allocations, main_stats.allocations + worker_allocations);
  EXPECT_EQ(global.deallocations, global.allocations);
  EXPECT_EQ(global.net_bytes(), 0);
}

}  // namespace
