// Hidden tests for mw::TrackingResource and mw::histogram_bucket.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdint>
#include <exception>
#include <latch>
#include <memory_resource>
#include <thread>
#include <vector>

#include <mwtest/address.hpp>
#include <mwtest/counting_resource.hpp>
#include <mwtest/cpu_affinity.hpp>

#include "tracking.hpp"

namespace {

using mwtest::is_aligned;

// Runs `body(thread_index)` on `threads` threads at once and joins them. An
// exception in a thread (MW_TODO in the stub) is rethrown here, so it fails
// the test instead of terminating the test binary.
template <class Body>
void run_threads(int threads, Body body) {
  std::vector<std::exception_ptr> errors(threads);
  std::latch start(threads);  // all bodies start together, to race as much as they can
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        body(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  for (auto& t : pool) t.join();
  for (auto& error : errors)
    if (error) std::rethrow_exception(error);
}

// Bucket k holds (2^(k-1), 2^k]; kills floor-log2 and off-by-one-at-powers-of-two bucketing.
TEST(Histogram, BucketBoundaries) {
  EXPECT_EQ(mw::histogram_bucket(0), 0u);
  EXPECT_EQ(mw::histogram_bucket(1), 0u);
  EXPECT_EQ(mw::histogram_bucket(2), 1u);
  EXPECT_EQ(mw::histogram_bucket(3), 2u);
  EXPECT_EQ(mw::histogram_bucket(4), 2u);
  EXPECT_EQ(mw::histogram_bucket(5), 3u);
  EXPECT_EQ(mw::histogram_bucket(8), 3u);
  EXPECT_EQ(mw::histogram_bucket(1024), 10u);
  EXPECT_EQ(mw::histogram_bucket(1025), 11u);
  EXPECT_EQ(mw::histogram_bucket(std::size_t{1} << 31), mw::kHistogramBuckets - 1);
  EXPECT_EQ(mw::histogram_bucket(SIZE_MAX), mw::kHistogramBuckets - 1);
}

// Each allocation lands in its size's bucket, deallocations do not; kills a histogram never filled
// or filled on free.
TEST(TrackingResource, HistogramCountsEachAllocationInItsBucket) {
  mw::TrackingResource tracker;
  const std::size_t sizes[] = {1, 8, 8, 9, 1000, 1024, 70000};
  std::vector<void*> blocks;
  for (std::size_t size : sizes) blocks.push_back(tracker.allocate(size, 1));
  for (std::size_t i = 0; i < blocks.size(); ++i) tracker.deallocate(blocks[i], sizes[i], 1);

  std::array<std::size_t, mw::kHistogramBuckets> expected{};
  expected[0] = 1;   // 1
  expected[3] = 2;   // 8, 8
  expected[4] = 1;   // 9
  expected[10] = 2;  // 1000, 1024
  expected[17] = 1;  // 70000
  EXPECT_EQ(tracker.histogram(), expected);
}

// pmr::vector<int>::reserve(100) is one 400-byte allocation, counted exactly and freed exactly.
TEST(TrackingResource, PmrVectorReserveIsOneExactAllocation) {
  mwtest::CountingResource upstream;
  mw::TrackingResource tracker(&upstream);
  {
    std::pmr::vector<int> v(&tracker);
    v.reserve(100);
    EXPECT_EQ(tracker.allocations(), 1u);
    EXPECT_EQ(tracker.live_bytes(), 400u);
    EXPECT_EQ(tracker.histogram()[9], 1u);  // 400 is in (256, 512]
    EXPECT_EQ(upstream.sizes(), std::vector<std::size_t>{400});
  }
  EXPECT_EQ(tracker.deallocations(), 1u);
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(upstream.live_blocks(), 0u);
  EXPECT_TRUE(upstream.errors().empty());
}

// Deallocation subtracts the freed bytes and counts; kills "forgot to subtract on deallocate".
TEST(TrackingResource, DeallocateSubtractsLiveBytesAndCounts) {
  mw::TrackingResource tracker;
  void* a = tracker.allocate(100, 8);
  void* b = tracker.allocate(28, 4);
  tracker.deallocate(a, 100, 8);
  EXPECT_EQ(tracker.live_bytes(), 28u);
  EXPECT_EQ(tracker.allocations(), 2u);
  EXPECT_EQ(tracker.deallocations(), 1u);
  tracker.deallocate(b, 28, 4);
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(tracker.deallocations(), 2u);
}

// Requests reach upstream with their exact size and alignment and are counted unrounded; kills
// rounding sizes, counting upstream bytes, and dropping the alignment.
TEST(TrackingResource, PassesExactSizeAndAlignmentUpstream) {
  mwtest::CountingResource upstream;
  mw::TrackingResource tracker(&upstream);
  struct Request {
    std::size_t bytes, alignment;
  };
  const Request requests[] = {{3, 1}, {17, 64}, {100, 256}, {5, 1024}, {1, 4096}};
  std::vector<void*> blocks;
  for (auto r : requests) {
    void* p = tracker.allocate(r.bytes, r.alignment);
    EXPECT_TRUE(is_aligned(p, r.alignment)) << r.bytes << " bytes aligned to " << r.alignment;
    blocks.push_back(p);
  }
  EXPECT_EQ(upstream.sizes(), (std::vector<std::size_t>{3, 17, 100, 5, 1}));
  EXPECT_EQ(tracker.live_bytes(), 126u);
  for (std::size_t i = 0; i < blocks.size(); ++i)
    tracker.deallocate(blocks[i], requests[i].bytes, requests[i].alignment);
  EXPECT_TRUE(upstream.errors().empty()) << upstream.errors().front();
  EXPECT_EQ(upstream.live_blocks(), 0u);
}

// A failing upstream propagates bad_alloc and nothing is counted; kills counting before the
// upstream call.
TEST(TrackingResource, UpstreamFailureCountsNothing) {
  mwtest::CountingResource upstream;
  mw::TrackingResource tracker(&upstream);
  upstream.fail_allocations(true);
  EXPECT_THROW(static_cast<void>(tracker.allocate(64, 8)), std::bad_alloc);
  EXPECT_EQ(tracker.allocations(), 0u);
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(tracker.peak_bytes(), 0u);
  upstream.fail_allocations(false);
  void* p = tracker.allocate(64, 8);
  EXPECT_EQ(tracker.allocations(), 1u);
  tracker.deallocate(p, 64, 8);
}

// The peak is the highest live byte count ever reached, not the current one nor the total;
// kills a peak never updated or updated on free.
TEST(TrackingResource, PeakIsHighWaterMark) {
  mw::TrackingResource tracker;
  void* a = tracker.allocate(100, 8);
  void* b = tracker.allocate(200, 8);
  tracker.deallocate(a, 100, 8);
  void* c = tracker.allocate(50, 8);
  EXPECT_EQ(tracker.peak_bytes(), 300u);
  EXPECT_EQ(tracker.live_bytes(), 250u);
  tracker.deallocate(b, 200, 8);
  tracker.deallocate(c, 50, 8);
  EXPECT_EQ(tracker.peak_bytes(), 300u);
}

// reset_peak() restarts the peak from the live bytes, not from zero.
TEST(TrackingResource, ResetPeakRestartsFromLiveBytes) {
  mw::TrackingResource tracker;
  void* a = tracker.allocate(1000, 8);
  void* b = tracker.allocate(200, 8);
  tracker.deallocate(a, 1000, 8);
  tracker.reset_peak();
  EXPECT_EQ(tracker.peak_bytes(), 200u);
  void* c = tracker.allocate(50, 8);
  EXPECT_EQ(tracker.peak_bytes(), 250u);
  tracker.deallocate(b, 200, 8);
  tracker.deallocate(c, 50, 8);
}

// A tracker equals only itself, not another tracker over the same upstream nor another resource
// type; kills is_equal always true or comparing upstreams.
TEST(TrackingResource, IsEqualOnlyToItself) {
  mw::TrackingResource first(std::pmr::new_delete_resource());
  mw::TrackingResource second(std::pmr::new_delete_resource());
  EXPECT_TRUE(first.is_equal(first));
  EXPECT_FALSE(first.is_equal(second));
  EXPECT_FALSE(first.is_equal(*std::pmr::new_delete_resource()));
  EXPECT_FALSE(std::pmr::new_delete_resource()->is_equal(first));
}

// 8 threads x 100000 allocate/free pairs: every count exact, nothing live; kills non-atomic
// counters that lose updates (enough rounds that the threads overlap even on a busy machine).
TEST(TrackingResource, ExactTotalsUnderEightThreads) {
  constexpr int kThreads = 8, kRounds = 100000;
  mw::TrackingResource tracker(std::pmr::new_delete_resource());
  run_threads(kThreads, [&](int) {
    for (int i = 0; i < kRounds; ++i) tracker.deallocate(tracker.allocate(32, 8), 32, 8);
  });
  EXPECT_EQ(tracker.allocations(), std::size_t{kThreads} * kRounds);
  EXPECT_EQ(tracker.deallocations(), std::size_t{kThreads} * kRounds);
  EXPECT_EQ(tracker.histogram()[5], std::size_t{kThreads} * kRounds);
  EXPECT_EQ(tracker.live_bytes(), 0u);
}

// With every thread holding its blocks at a barrier, the peak must be exactly all of them at
// once; kills a peak raised by a racy load-compare-store instead of a CAS loop.
TEST(TrackingResource, PeakIsExactUnderThreads) {
  constexpr int kThreads = 8, kBlocks = 16, kRounds = 200;
  constexpr std::size_t kSize = 16;
  mw::TrackingResource tracker(std::pmr::new_delete_resource());
  std::barrier sync(kThreads);
  std::vector<std::size_t> peaks(kRounds);
  run_threads(kThreads, [&](int thread) {
    for (int round = 0; round < kRounds; ++round) {
      void* blocks[kBlocks];
      for (void*& p : blocks) p = tracker.allocate(kSize, 8);
      sync.arrive_and_wait();  // every block of every thread is live now
      if (thread == 0) peaks[round] = tracker.peak_bytes();
      sync.arrive_and_wait();
      for (void* p : blocks) tracker.deallocate(p, kSize, 8);
      sync.arrive_and_wait();  // all freed: start the next round from a fresh peak
      if (thread == 0) tracker.reset_peak();
      sync.arrive_and_wait();
    }
  });
  for (int round = 0; round < kRounds; ++round)
    EXPECT_EQ(peaks[round], kThreads * kBlocks * kSize) << "round " << round;
}

// An upstream that costs nothing: every request gets the same static block and deallocation does
// nothing, so racing threads spend their time in the tracker's counters, not in malloc.
class FreeUpstream : public std::pmr::memory_resource {
  void* do_allocate(std::size_t, std::size_t) override { return block_; }
  void do_deallocate(void*, std::size_t, std::size_t) override {}
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
  alignas(64) static inline unsigned char block_[64];
};

// Threads released together by a barrier allocate in bursts, never freeing mid-burst, so live
// bytes only grow: after each allocation the peak must be at least the live bytes seen before it
// plus the block, and at the end of each burst exactly all the blocks. Bursts go on until the
// threads have overlapped 200 000 times (an allocation of another thread fell inside one's own),
// however the machine schedules them. Kills raising the peak by load -> compare -> store, or by
// one compare_exchange without a loop: another thread's smaller, later store overwrites a raise.
TEST(TrackingResource, PeakSurvivesRaisesRacingInBursts) {
  const int threads = std::max(4, static_cast<int>(std::thread::hardware_concurrency()));
  constexpr int kMaxRounds = 400, kBurst = 8192;
  constexpr long kEnoughOverlaps = 200000;
  constexpr std::size_t kSize = 16;
  FreeUpstream upstream;
  mw::TrackingResource tracker(&upstream);
  std::barrier sync(threads);
  std::atomic<long> lost{0}, overlaps{0};
  std::atomic<bool> done{false};
  std::vector<std::size_t> peaks;
  run_threads(threads, [&](int thread) {
    mwtest::spread_over_cpus(static_cast<std::size_t>(thread));
    std::vector<void*> blocks(kBurst);
    while (!done.load()) {
      sync.arrive_and_wait();  // released together, to raise the peak at the same moments
      for (void*& p : blocks) {
        const std::size_t before = tracker.live_bytes();
        p = tracker.allocate(kSize, 8);
        if (tracker.peak_bytes() < before + kSize) lost.fetch_add(1, std::memory_order_relaxed);
        if (tracker.live_bytes() > before + kSize) overlaps.fetch_add(1, std::memory_order_relaxed);
      }
      sync.arrive_and_wait();  // every block of every thread is live
      if (thread == 0) peaks.push_back(tracker.peak_bytes());
      for (void* p : blocks) tracker.deallocate(p, kSize, 8);
      sync.arrive_and_wait();
      if (thread == 0) {
        tracker.reset_peak();
        done = overlaps.load() >= kEnoughOverlaps || std::ssize(peaks) == kMaxRounds;
      }
      sync.arrive_and_wait();
    }
  });
  EXPECT_EQ(lost.load(), 0) << "a thread saw the peak below the live bytes it had just reached ("
                            << overlaps.load() << " overlaps)";
  const std::size_t all = threads * kBurst * kSize;
  EXPECT_EQ(std::count(peaks.begin(), peaks.end(), all), std::ssize(peaks))
      << "rounds whose peak was lost";
}

}  // namespace
