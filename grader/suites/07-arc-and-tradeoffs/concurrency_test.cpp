// Hidden tests for Arc and WeakArc used from many threads at once. The suite runs under
// ThreadSanitizer: a count that is not atomic, or a last decrement whose destructor does not
// see the other threads' writes, is a TSan report even when the numbers come out right.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

#include <mwtest/atomic_instrumented.hpp>
#include <mwtest/cpu_affinity.hpp>

#include "arc.hpp"
#include "fixture.hpp"

namespace {

using mwtest::SharedInstrumented;
using Concurrency = ArcFixture;

// Threads cloning and dropping one value thousands of times leave the count exact and destroy
// the value once; kills plain (non-atomic) counts and a decrement that is not one RMW.
TEST_F(Concurrency, ClonesAndDropsFromManyThreadsCountExactly) {
  auto arc = mw::make_arc<SharedInstrumented>(1);
  clone_and_drop_from_threads(arc);
  EXPECT_EQ(arc.strong_count(), 1u);
  EXPECT_EQ(shared_destroyed(), 0u);
  arc.reset();
  EXPECT_EQ(shared_destroyed(), 1u);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// Each thread writes into the value, then drops its handle; whichever thread is last must see
// every write before destroying it; kills a relaxed decrement and a missing acquire (TSan
// reports the destructor's read racing with another thread's write).
TEST_F(Concurrency, LastDropSeesEveryThreadsWrites) {
  for (int round = 0; round < 10; ++round) {
    std::vector<mw::Arc<SharedInstrumented>> handles(kThreads,
                                                     mw::make_arc<SharedInstrumented>(round));
    run_together(kThreads, [&](std::size_t i) {
      handles[i]->write_slot(i, static_cast<long>(i) + 1);
      handles[i].reset();
    });
    EXPECT_EQ(mwtest::atomic_life_counts().last_slot_sum.load(),
              static_cast<long>(kThreads * (kThreads + 1) / 2));
  }
  EXPECT_EQ(shared_destroyed(), 10u);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// One thread keeps upgrading while another drops the last Arc: every upgrade that succeeds
// must hand out a live value, and each value is destroyed exactly once; kills an upgrade that
// loads the count and then increments it (it revives a value being destroyed).
TEST_F(Concurrency, UpgradeNeverResurrectsADyingValue) {
  constexpr int kRounds = 500;
  std::vector<mw::Arc<SharedInstrumented>> arcs;
  std::vector<mw::WeakArc<SharedInstrumented>> weaks;
  for (int r = 0; r < kRounds; ++r) {
    arcs.push_back(mw::make_arc<SharedInstrumented>(r));
    weaks.push_back(arcs.back().downgrade());
  }
  std::atomic<int> upgrading{-1};  // the round whose value the upgrading thread is busy with
  std::atomic<int> dead_upgrades{0};
  run_together(2, [&](std::size_t role) {
    for (int r = 0; r < kRounds; ++r) {
      if (role == 0) {
        // Drop only once the other thread is in its upgrade loop, then after a delay that
        // varies by round, so the drop lands at every point of an upgrade in turn.
        while (upgrading.load(std::memory_order_acquire) < r) std::this_thread::yield();
        std::atomic<int> delay{0};
        while (delay.fetch_add(1, std::memory_order_relaxed) < r % 64) {
        }
        arcs[r].reset();
        continue;
      }
      for (int tries = 1; const mw::Arc<SharedInstrumented> up = weaks[r].upgrade(); ++tries) {
        if (!up->is_alive() || up->value() != r) dead_upgrades.fetch_add(1);
        // No yield here: on a loaded machine the two threads may share a core, and only a
        // preemption at a random point (not a yield at a fixed one) can land inside upgrade.
        if (tries == 2) upgrading.store(r, std::memory_order_release);
      }
      weaks[r].reset();
    }
  });
  EXPECT_EQ(dead_upgrades.load(), 0);
  EXPECT_EQ(shared_destroyed(), static_cast<std::size_t>(kRounds));
  EXPECT_EQ(shared_alive(), 0);
  EXPECT_EQ(counting.live_blocks(), 0u);
}

// The last Arc and the last WeakArc are dropped at the same moment on two threads: the block is
// freed exactly once, after the value's destructor; kills a weak count the strong handles do
// not hold together, and a weak decrement without release/acquire (TSan: free vs destructor).
TEST_F(Concurrency, LastArcAndLastWeakDroppedTogetherFreeTheBlockOnce) {
  for (int round = 0; round < 200; ++round) {
    auto arc = mw::make_arc<SharedInstrumented>(round);
    auto weak = arc.downgrade();
    run_together(2, [&](std::size_t role) {
      if (role == 0) {
        arc->write_slot(0, 1);
        arc.reset();
      } else {
        weak.reset();
      }
    });
  }
  EXPECT_EQ(shared_destroyed(), 200u);
  EXPECT_EQ(counting.live_blocks(), 0u);
  EXPECT_EQ(counting.deallocations(), 200u);
}

// Threads downgrade, upgrade, clone and drop all at once while the value lives, then the counts
// are back to one Arc and no WeakArc; kills non-atomic weak counts and lost updates.
TEST_F(Concurrency, DowngradeUpgradeChurnKeepsCountsExact) {
  auto arc = mw::make_arc<SharedInstrumented>(9);
  run_together(kThreads, [&](std::size_t) {
    for (int i = 0; i < 20000; ++i) {
      mw::WeakArc<SharedInstrumented> weak = arc.downgrade();
      mw::WeakArc<SharedInstrumented> weak_copy = weak;
      mw::Arc<SharedInstrumented> up = weak_copy.upgrade();
      if (!up || up->value() != 9) ADD_FAILURE() << "upgrade of a live value failed";
    }
  });
  EXPECT_EQ(arc.strong_count(), 1u);
  EXPECT_EQ(arc.weak_count(), 0u);
  EXPECT_EQ(shared_destroyed(), 0u);
}

// Threads released together by a barrier upgrade one live value in bursts, keeping every Arc they
// get, so the strong count only grows within a burst: every upgrade must succeed, and at the end
// of each burst the count must be exactly 1 + the Arcs handed out. Bursts go on until the
// threads have overlapped 100 000 times (another thread's upgrade fell inside one's own), however
// the machine schedules them. Kills an upgrade that loads the count and stores count + 1 (two
// racing upgrades both store n + 1: one is lost) and a compare-exchange tried once without a
// retry loop (a racing upgrade makes it fail on a live value).
TEST_F(Concurrency, UpgradesRacingInBurstsCountExactly) {
  const std::size_t threads = std::max<std::size_t>(4, std::thread::hardware_concurrency());
  constexpr int kMaxRounds = 300;
  constexpr std::size_t kBurst = 2048;
  constexpr long kEnoughOverlaps = 100000;
  auto arc = mw::make_arc<SharedInstrumented>(5);
  const mw::WeakArc<SharedInstrumented> weak = arc.downgrade();
  std::barrier sync(static_cast<std::ptrdiff_t>(threads));
  std::atomic<long> failed{0}, overlaps{0};
  std::atomic<std::size_t> handed_out{0};
  std::atomic<bool> done{false};
  int rounds = 0, lost_rounds = 0;
  run_together(threads, [&](std::size_t thread) {
    mwtest::spread_over_cpus(thread);
    const mw::WeakArc<SharedInstrumented> mine = weak;
    std::vector<mw::Arc<SharedInstrumented>> held;
    held.reserve(kBurst);
    while (!done.load()) {
      sync.arrive_and_wait();  // released together, to upgrade at the same moments
      for (std::size_t k = 0; k < kBurst; ++k) {
        const std::size_t before = mine.strong_count();
        held.push_back(mine.upgrade());
        if (held.back()) {
          handed_out.fetch_add(1, std::memory_order_relaxed);
        } else {
          failed.fetch_add(1, std::memory_order_relaxed);
        }
        if (mine.strong_count() > before + 1) overlaps.fetch_add(1, std::memory_order_relaxed);
      }
      sync.arrive_and_wait();  // every Arc of every thread is held
      if (thread == 0) {
        const std::size_t expected = 1 + handed_out.load();
        if (arc.strong_count() != expected) {
          ++lost_rounds;
          inner_of(arc).strong.store(expected);  // so that the drops below free nothing early
        }
      }
      sync.arrive_and_wait();
      held.clear();
      sync.arrive_and_wait();
      if (thread == 0) {
        handed_out = 0;
        done = overlaps.load() >= kEnoughOverlaps || ++rounds == kMaxRounds;
      }
      sync.arrive_and_wait();
    }
  });
  EXPECT_EQ(failed.load(), 0) << "upgrades of a live value returned an empty Arc ("
                              << overlaps.load() << " overlaps)";
  EXPECT_EQ(lost_rounds, 0) << "rounds out of " << rounds
                            << " whose strong count missed an upgrade (" << overlaps.load()
                            << " overlaps)";
  EXPECT_EQ(arc.strong_count(), 1u);
  EXPECT_EQ(shared_destroyed(), 0u);
}

}  // namespace
