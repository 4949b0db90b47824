// Hidden tests for mw::TrackingAllocator<T> with standard containers.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

#include "tracking_allocator.hpp"

namespace {

template <class T>
using TrackedVector = std::vector<T, mw::TrackingAllocator<T>>;

// A vector allocates through the tracker with sizeof(T) * n bytes at alignof(T), and frees all.
TEST(TrackingAllocator, VectorAllocatesThroughTheTracker) {
  mwtest::CountingResource upstream;
  mw::TrackingResource tracker(&upstream);
  {
    TrackedVector<double> v{mw::TrackingAllocator<double>(tracker)};
    v.reserve(25);
    EXPECT_EQ(tracker.allocations(), 1u);
    EXPECT_EQ(tracker.live_bytes(), 200u);
    EXPECT_EQ(upstream.sizes(), std::vector<std::size_t>{200});
  }
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(tracker.deallocations(), 1u);
  EXPECT_TRUE(upstream.errors().empty()) << upstream.errors().front();
}

// Over-aligned elements get their alignment from the tracker and upstream; kills allocate calls
// that drop alignof(T).
TEST(TrackingAllocator, PassesTheElementAlignment) {
  struct alignas(128) Line {
    char bytes[128];
  };
  mw::TrackingResource tracker;
  for (std::size_t n : {1u, 3u, 5u, 7u}) {
    TrackedVector<Line> v(n, Line{}, mw::TrackingAllocator<Line>(tracker));
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % 128, 0u) << n << " lines";
  }
  EXPECT_EQ(tracker.allocations(), 4u);
  EXPECT_EQ(tracker.live_bytes(), 0u);
}

// std::map rebinds the allocator to its node type; the nodes must still be counted by the same
// tracker; kills a converting constructor that loses the resource.
TEST(TrackingAllocator, MapNodesAreCountedByTheSameTracker) {
  using Pair = std::pair<const int, int>;
  mwtest::CountingResource upstream;
  mw::TrackingResource tracker(&upstream);
  {
    std::map<int, int, std::less<int>, mw::TrackingAllocator<Pair>> map{
        mw::TrackingAllocator<Pair>(tracker)};
    for (int i = 0; i < 10; ++i) map.emplace(i, i * i);
    EXPECT_EQ(tracker.allocations(), 10u);
    EXPECT_EQ(upstream.live_blocks(), 10u);
    EXPECT_EQ(tracker.live_bytes() % 10, 0u);  // ten nodes of one size
    EXPECT_GT(tracker.live_bytes(), 10 * sizeof(Pair));
  }
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(tracker.deallocations(), 10u);
  EXPECT_TRUE(upstream.errors().empty()) << upstream.errors().front();
}

// allocate_shared puts the control block and the object in one tracked allocation and frees it
// when the last owner goes; kills rebind or deallocate bugs with the control-block type.
TEST(TrackingAllocator, AllocateSharedMakesExactlyOneAllocation) {
  mwtest::Instrumented::reset();
  mwtest::CountingResource upstream;
  mw::TrackingResource tracker(&upstream);
  auto shared = std::allocate_shared<mwtest::Instrumented>(
      mw::TrackingAllocator<mwtest::Instrumented>(tracker), 7);
  EXPECT_EQ(shared->value(), 7);
  EXPECT_EQ(tracker.allocations(), 1u);
  EXPECT_GT(tracker.live_bytes(), sizeof(mwtest::Instrumented));
  std::shared_ptr<mwtest::Instrumented> copy = shared;
  shared.reset();
  EXPECT_EQ(tracker.deallocations(), 0u);
  copy.reset();
  EXPECT_EQ(tracker.deallocations(), 1u);
  EXPECT_EQ(tracker.live_bytes(), 0u);
  EXPECT_EQ(mwtest::life_counts().alive(), 0);
  EXPECT_TRUE(upstream.errors().empty()) << upstream.errors().front();
}

// Allocators are equal exactly when they use the same tracker, also across value types; kills an
// operator== that is always true.
TEST(TrackingAllocator, EqualityComparesTrackers) {
  mw::TrackingResource first, second;
  const mw::TrackingAllocator<int> a(first), b(first), c(second);
  const mw::TrackingAllocator<double> rebound(a);
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == c);
  EXPECT_TRUE(a != c);
  EXPECT_TRUE(rebound == a);
  EXPECT_FALSE(rebound == c);
  EXPECT_EQ(rebound.resource(), &first);
}

// Move assignment takes the source's allocator and buffer: no allocation in either tracker and the
// old buffer freed through its own; kills a missing propagate_on_container_move_assignment.
TEST(TrackingAllocator, MoveAssignmentStealsTheBuffer) {
  mw::TrackingResource source_tracker, target_tracker;
  TrackedVector<int> source({1, 2, 3}, mw::TrackingAllocator<int>(source_tracker));
  TrackedVector<int> target({4, 5}, mw::TrackingAllocator<int>(target_tracker));
  const int* buffer = source.data();
  target = std::move(source);
  EXPECT_EQ(target.data(), buffer);
  EXPECT_EQ(target.get_allocator().resource(), &source_tracker);
  EXPECT_EQ(source_tracker.allocations(), 1u);
  EXPECT_EQ(target_tracker.allocations(), 1u);
  EXPECT_EQ(target_tracker.live_bytes(), 0u);
}

// Swap exchanges allocators with buffers, so each buffer is freed by the tracker that allocated
// it; kills a missing propagate_on_container_swap (which frees through the wrong tracker).
TEST(TrackingAllocator, SwapExchangesTrackers) {
  mwtest::CountingResource first_upstream, second_upstream;
  mw::TrackingResource first(&first_upstream), second(&second_upstream);
  {
    TrackedVector<int> a({1, 2, 3}, mw::TrackingAllocator<int>(first));
    TrackedVector<int> b({4, 5}, mw::TrackingAllocator<int>(second));
    a.swap(b);
    EXPECT_EQ(a.get_allocator().resource(), &second);
    EXPECT_EQ(b.get_allocator().resource(), &first);
  }
  EXPECT_EQ(first.live_bytes(), 0u);
  EXPECT_EQ(second.live_bytes(), 0u);
  EXPECT_TRUE(first_upstream.errors().empty()) << first_upstream.errors().front();
  EXPECT_TRUE(second_upstream.errors().empty()) << second_upstream.errors().front();
}

// Copy assignment adopts the source's allocator: the copy is allocated by the source's tracker
// and the old buffer is freed by its own; kills a missing propagate_on_container_copy_assignment.
TEST(TrackingAllocator, CopyAssignmentAdoptsTheSourceTracker) {
  mw::TrackingResource source_tracker, target_tracker;
  TrackedVector<int> source({1, 2, 3}, mw::TrackingAllocator<int>(source_tracker));
  TrackedVector<int> target({4, 5}, mw::TrackingAllocator<int>(target_tracker));
  target = source;
  EXPECT_EQ(target.get_allocator().resource(), &source_tracker);
  EXPECT_EQ(source_tracker.allocations(), 2u);
  EXPECT_EQ(source_tracker.live_bytes(), 24u);
  EXPECT_EQ(target_tracker.live_bytes(), 0u);
}

// allocate(n) with n * sizeof(T) overflowing throws bad_array_new_length instead of allocating a
// wrapped-around size.
TEST(TrackingAllocator, AllocateRejectsOverflowingCounts) {
  mw::TrackingResource tracker;
  mw::TrackingAllocator<std::uint64_t> alloc(tracker);
  EXPECT_THROW(alloc.allocate(SIZE_MAX / 4), std::bad_array_new_length);
  EXPECT_EQ(tracker.allocations(), 0u);
}

}  // namespace
