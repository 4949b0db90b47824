// Visible tests for 02-tracking-allocator: a first taste of what the hidden
// suite checks (it has many more, including threads and every operator new form).
#include <gtest/gtest.h>

#include <vector>

#include "global_new.hpp"
#include "tracking.hpp"
#include "tracking_allocator.hpp"

namespace {

// Requests of 2^(k-1)+1 .. 2^k bytes land in bucket k.
TEST(Visible, HistogramBucketOfOneThousandBytes) {
  EXPECT_EQ(mw::histogram_bucket(1000), 10u);
}

// One allocate/deallocate pair through a TrackingResource is counted both ways.
TEST(Visible, TrackingResourceCountsOneBlock) {
  mw::TrackingResource tracker;
  void* p = tracker.allocate(100, 8);
  EXPECT_EQ(tracker.allocations(), 1u);
  EXPECT_EQ(tracker.live_bytes(), 100u);
  tracker.deallocate(p, 100, 8);
  EXPECT_EQ(tracker.deallocations(), 1u);
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(tracker.peak_bytes(), 100u);
}

// A `new` expression on this thread shows up in a ScopedCounter.
TEST(Visible, ScopedCounterSeesANewExpression) {
  mw::ScopedCounter counter;
  auto* value = new long(42);
  EXPECT_EQ(counter.stats().allocations, 1u);
  EXPECT_EQ(counter.stats().bytes_allocated, sizeof(long));
  delete value;
  EXPECT_EQ(counter.stats().deallocations, 1u);
  EXPECT_EQ(counter.stats().net_bytes(), 0);
}

// A std::vector with a TrackingAllocator allocates from the tracker and gives everything back.
TEST(Visible, VectorWithTrackingAllocator) {
  mw::TrackingResource tracker;
  {
    std::vector<int, mw::TrackingAllocator<int>> v{mw::TrackingAllocator<int>(tracker)};
    for (int i = 0; i < 10; ++i) v.push_back(i);
    EXPECT_GE(tracker.allocations(), 1u);
    EXPECT_GE(tracker.live_bytes(), 10 * sizeof(int));
  }
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(tracker.deallocations(), tracker.allocations());
}

}  // namespace
