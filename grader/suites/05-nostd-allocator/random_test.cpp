// Thousands of random allocations and frees, checked against a model of the
// live blocks after every step.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>

#include "free_list.hpp"
#include "support.hpp"

namespace {

using mw::FreeListAllocator;
using mwtest05::Arena;
using mwtest05::LiveBlocks;

/// A seeded random mix of allocations (sizes 0..8 KiB, alignments 1..4096)
/// and frees over a 256 KiB buffer, tracked by a LiveBlocks model.
class Workload {
 public:
  static constexpr int kSteps = 5000;

  explicit Workload(std::uint32_t seed)
      : arena_(256 * 1024, 3),
        allocator_(arena_.data(), arena_.size()),
        live_(arena_),
        random_(seed) {}

  /// Effects: one allocation (recorded in the model, which checks its
  /// placement) or one free of a random live block (checking its payload
  /// first). Returns: false if an allocation returned nullptr.
  bool step() {
    if (!live_.empty() && random_() % 100 < 45) {
      const std::uintptr_t a = live_.nth(random_() % live_.count());
      if (!live_.intact(a)) ++corrupted_;
      allocator_.deallocate(reinterpret_cast<void*>(a));
      live_.remove(a);
      return true;
    }
    last_size_ = random_size();
    last_align_ = std::size_t{1} << (random_() % 100 < 80 ? random_() % 5 : random_() % 13);
    void* p = allocator_.allocate(last_size_, last_align_);
    if (p == nullptr) return false;
    live_.add(p, last_size_, last_align_);
    return true;
  }

  FreeListAllocator& allocator() { return allocator_; }
  const LiveBlocks& live() const { return live_; }
  std::size_t corrupted() const { return corrupted_ + live_.corrupted(); }
  std::size_t last_size() const { return last_size_; }
  std::size_t last_align() const { return last_align_; }

 private:
  std::size_t random_size() {
    const auto roll = random_() % 100;
    if (roll < 3) return 0;
    if (roll < 70) return 1 + random_() % 64;
    if (roll < 95) return 65 + random_() % 960;
    return 1025 + random_() % 7168;
  }

  Arena arena_;
  FreeListAllocator allocator_;
  LiveBlocks live_;
  std::mt19937 random_;
  std::size_t corrupted_ = 0;
  std::size_t last_size_ = 0;
  std::size_t last_align_ = 1;
};

// Every block is aligned, inside the buffer and disjoint from all live blocks
// (kills split mistakes that hand out bytes twice: remainder headers written
// into a live payload, sizes not rounded, padding miscounted).
TEST(RandomOps, BlocksAreAlignedDisjointAndInside) {
  Workload w(1);
  for (int i = 0; i < Workload::kSteps; ++i) {
    w.step();
    ASSERT_FALSE(HasFatalFailure()) << "step " << i;
  }
}

// Payloads keep what was written into them until they are freed (kills
// headers or free-list links written over a neighbour's payload).
TEST(RandomOps, PayloadsSurvive) {
  Workload w(2);
  for (int i = 0; i < Workload::kSteps; ++i) {
    w.step();
    ASSERT_FALSE(HasFatalFailure()) << "step " << i;
  }
  EXPECT_EQ(w.corrupted(), 0u);
}

// The statistics agree with each other and with the model after every step:
// used + free == capacity, used covers every live request, the largest block
// is at most the free total (kills counters not updated on split or merge).
TEST(RandomOps, StatisticsStayConsistent) {
  Workload w(3);
  for (int i = 0; i < Workload::kSteps; ++i) {
    w.step();
    ASSERT_FALSE(HasFatalFailure()) << "step " << i;
    const auto s = mwtest05::stats_of(w.allocator());
    ASSERT_EQ(s.used + s.free, s.capacity) << "step " << i << ": " << s;
    ASSERT_GE(s.used, w.live().requested_bytes()) << "step " << i << ": " << s;
    ASSERT_LE(s.largest, s.free) << "step " << i << ": " << s;
    ASSERT_EQ(s.count == 0, s.free == 0) << "step " << i << ": " << s;
    ASSERT_EQ(s.used == 0, w.live().empty()) << "step " << i << ": " << s;
  }
}

// A request fails only when no free block could hold it with a header and
// alignment padding (kills a search that skips blocks, e.g. the last one).
TEST(RandomOps, NoSpuriousOutOfMemory) {
  Workload w(4);
  int failures = 0;
  for (int i = 0; i < 4 * Workload::kSteps; ++i) {
    if (w.step()) continue;
    ++failures;
    const std::size_t generous = w.last_size() + 2 * w.last_align() + 64;
    ASSERT_LT(w.allocator().largest_free_block(), generous)
        << "step " << i << ": allocate(" << w.last_size() << ", " << w.last_align()
        << ") returned nullptr";
  }
  // The workload must reach out of memory, or this test checked nothing.
  EXPECT_GT(failures, 0);
}

}  // namespace
