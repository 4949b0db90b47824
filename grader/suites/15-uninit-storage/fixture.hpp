// fixture.hpp — the fixture and helpers every 15-uninit-storage test uses.
//
// Every test gets a CountingResource to hand to its SmallVecs (exact heap allocations),
// fresh Instrumented/NothrowInstrumented counters (exact constructions, destructions,
// copies and moves), and three checks at its end that kill leaks and double destroys
// whatever the test was about: every element ever constructed was destroyed exactly once,
// every heap block came back, with the size and alignment it was allocated with.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

using mwtest::Instrumented;
using mwtest::NothrowInstrumented;

class SmallVecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Instrumented::reset();
    NothrowInstrumented::reset();
  }
  void TearDown() override {
    Instrumented::throw_after(0);
    NothrowInstrumented::throw_after(0);
    EXPECT_EQ(alive(), 0) << "constructions and destructions do not balance";
    EXPECT_EQ(counting.live_blocks(), 0u) << "a heap block was never freed";
    EXPECT_TRUE(counting.errors().empty()) << counting.errors().front();
  }

 public:
  /// Returns: elements constructed and not yet destroyed (negative: a double destroy).
  static long alive() { return mwtest::life_counts().alive(); }
  static std::size_t constructed() { return mwtest::life_counts().constructed; }
  static std::size_t destroyed() { return mwtest::life_counts().destroyed; }
  static std::size_t copies() { return mwtest::life_counts().copies; }
  static std::size_t moves() { return mwtest::life_counts().moves; }

  /// Returns: the element values of `v`, in order, read through its iterators.
  template <class Vec>
  static std::vector<int> values(const Vec& v) {
    std::vector<int> out;
    for (const auto& element : v) out.push_back(element.value());
    return out;
  }

  /// Effects: appends the values [first, last) to `v`.
  template <class Vec>
  static void fill(Vec& v, int first, int last) {
    for (int i = first; i < last; ++i) v.emplace_back(i);
  }

  /// Returns: [first, last) as a vector, to compare with values().
  static std::vector<int> range(int first, int last) {
    std::vector<int> out;
    for (int i = first; i < last; ++i) out.push_back(i);
    return out;
  }

  /// Returns: true when `p` lies inside the object `owner` (the inline buffer).
  template <class Owner>
  static bool inside(const void* p, const Owner& owner) {
    auto address = reinterpret_cast<std::uintptr_t>(p);
    auto start = reinterpret_cast<std::uintptr_t>(&owner);
    return address >= start && address < start + sizeof(Owner);
  }

  /// Requires: `op(k)` arms a throw at the k-th next construction, then runs the operation
  /// under test on a vector it does not rebuild.
  /// Effects: runs op with k = 1, 2, ... until it stops throwing InstrumentedError, and
  /// after every throw calls `unchanged()` (which checks the strong guarantee).
  /// Returns: the number of throws seen; the caller checks the final, successful result.
  template <class Op, class Check>
  static int throw_at_every_construction(Op op, Check unchanged) {
    int throws = 0;
    for (std::size_t k = 1; k <= 64; ++k) {
      try {
        op(k);
        return throws;
      } catch (const mwtest::InstrumentedError&) {
        ++throws;
        SCOPED_TRACE("after a throw at construction #" + std::to_string(k));
        unchanged();
        if (::testing::Test::HasFailure()) return throws;
      }
    }
    ADD_FAILURE() << "the operation still threw after 64 constructions";
    return throws;
  }

 protected:
  mwtest::CountingResource counting;
};
