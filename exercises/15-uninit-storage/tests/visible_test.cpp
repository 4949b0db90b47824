// Visible tests for 15-uninit-storage: a few examples of what the hidden suite expects (it
// has many more: exact construction/destruction balance after every operation, exact heap
// allocations, the strong guarantee with a throw at every copy, moves versus copies,
// over-aligned elements, arguments that alias the vector).
// Run them with `build/main/bin/grader test 15`.
#include <gtest/gtest.h>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>

#include "maybe_uninit.hpp"
#include "small_vec.hpp"

namespace {

using mwtest::Instrumented;

// write constructs the value, assume_init reads it, assume_init_drop destroys it: nothing
// else constructs or destroys a T.
TEST(Visible, MaybeUninitRunsNothingImplicitly) {
  Instrumented::reset();
  {
    mw::MaybeUninit<Instrumented> slot;
    EXPECT_EQ(mwtest::life_counts().constructed, 0u);
    slot.write(42);
    EXPECT_EQ(slot.assume_init().value(), 42);
    slot.assume_init_drop();
  }
  EXPECT_EQ(mwtest::life_counts().constructed, 1u);
  EXPECT_EQ(mwtest::life_counts().destroyed, 1u);
}

// N elements fit inline and allocate nothing; the next one spills to one heap block.
TEST(Visible, SmallVecSpillsOnceFull) {
  mwtest::CountingResource counting;
  mw::SmallVec<int, 4> v(&counting);
  for (int i = 0; i < 4; ++i) v.push_back(i);
  EXPECT_TRUE(v.is_inline());
  EXPECT_EQ(counting.allocations(), 0u);
  v.push_back(4);
  EXPECT_FALSE(v.is_inline());
  EXPECT_EQ(v.capacity(), 8u);
  EXPECT_EQ(counting.allocations(), 1u);
}

// Every element constructed is destroyed exactly once: by pop_back, clear or the destructor.
TEST(Visible, SmallVecBalancesLives) {
  Instrumented::reset();
  {
    mw::SmallVec<Instrumented, 2> v;
    for (int i = 0; i < 5; ++i) v.emplace_back(i);
    v.pop_back();
    EXPECT_EQ(mwtest::life_counts().alive(), 4);
  }
  EXPECT_EQ(mwtest::life_counts().alive(), 0);
}

// A push_back whose copy throws leaves the vector as it was (the strong guarantee).
TEST(Visible, SmallVecPushBackIsStrong) {
  Instrumented::reset();
  mw::SmallVec<Instrumented, 2> v;
  v.emplace_back(0);
  v.emplace_back(1);
  const Instrumented extra(2);
  Instrumented::throw_after(2);  // the first relocation copy throws
  EXPECT_THROW(v.push_back(extra), mwtest::InstrumentedError);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value(), 0);
  EXPECT_EQ(v[1].value(), 1);
  EXPECT_TRUE(v.is_inline());
}

}  // namespace
