// fixture.hpp — what every 07-arc-and-tradeoffs test shares.
//
// Every block of make_arc goes to `counting`, installed as the default resource (its
// counters are mutex-protected, so threads may allocate and free through it); the two
// instrumented types start each test with zero counts. run_together starts threads
// behind one gate so they really race, which is what ThreadSanitizer needs to see, and
// clone_and_drop_from_threads races copies of one handle on kThreads threads.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

#include <mwtest/atomic_instrumented.hpp>
#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>
#include <mwtest/scoped_default_resource.hpp>

#include "arc.hpp"

class ArcFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    mwtest::Instrumented::reset();
    mwtest::SharedInstrumented::reset();
  }
  // Every block handed out came back once, with the size and alignment it was allocated with.
  void TearDown() override { EXPECT_TRUE(counting.errors().empty()) << counting.errors().front(); }

  /// Returns: Instrumented values alive now (negative: a double destroy).
  static long alive() { return mwtest::life_counts().alive(); }
  /// Returns: SharedInstrumented values alive now (negative: a double destroy).
  static long shared_alive() { return mwtest::atomic_life_counts().alive(); }
  /// Returns: SharedInstrumented destructor calls so far.
  static std::size_t shared_destroyed() { return mwtest::atomic_life_counts().destroyed; }

  mwtest::CountingResource counting;
  mwtest::ScopedDefaultResource as_default{&counting};
};

/// Returns: the ArcInner behind `arc`, found from the value's address (the layout of
/// ArcInner is given and fixed), so a test can read or set the counts directly.
/// Requires: `arc` is not empty.
template <class T>
mw::ArcInner<T>& inner_of(const mw::Arc<T>& arc) {
  const auto* value = reinterpret_cast<const std::byte*>(arc.get());
  return *reinterpret_cast<mw::ArcInner<T>*>(const_cast<std::byte*>(value) -
                                             offsetof(mw::ArcInner<T>, storage));
}

/// Effects: runs body(0) ... body(n - 1) on n threads released at once by one gate, and
/// joins them. The gate orders only main -> each thread, never thread -> thread, so what
/// the threads do to each other is ordered by the code under test alone.
inline void run_together(std::size_t n, const std::function<void(std::size_t)>& body) {
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    threads.emplace_back([&go, &body, i] {
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      body(i);
    });
  }
  go.store(true, std::memory_order_release);
  for (auto& t : threads) t.join();
}

/// How many threads the concurrent tests race.
inline constexpr std::size_t kThreads = 8;

/// Effects: on kThreads threads at once, each copies `handle` 20 times and drops the copies,
/// 5000 times over; a count that is not atomic, or a decrement that is not one
/// read-modify-write, comes out wrong.
template <class Handle>
void clone_and_drop_from_threads(const Handle& handle) {
  run_together(kThreads, [&](std::size_t) {
    std::vector<Handle> mine;
    for (int round = 0; round < 5000; ++round) {
      for (int i = 0; i < 20; ++i) mine.push_back(handle);
      mine.clear();
    }
  });
}
