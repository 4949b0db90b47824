// fixture.hpp — the test fixture every 06-refcount-pointer test uses.
//
// Every Rc allocation made through make_rc (and through the tree and the list,
// which use make_rc) goes to `counting`, installed as the default resource, so a
// test can count blocks exactly; Instrumented's counters start at zero, so it can
// count values alive.
#pragma once

#include <gtest/gtest.h>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>
#include <mwtest/scoped_default_resource.hpp>

class RcFixture : public ::testing::Test {
 protected:
  void SetUp() override { mwtest::Instrumented::reset(); }
  // Every block handed out was returned with the size and alignment it was allocated with.
  void TearDown() override { EXPECT_TRUE(counting.errors().empty()) << counting.errors().front(); }

  /// Returns: Instrumented values constructed and not yet destroyed (negative: a double destroy).
  static long alive() { return mwtest::life_counts().alive(); }
  /// Returns: Instrumented destructor calls so far.
  static std::size_t destroyed() { return mwtest::life_counts().destroyed; }

  mwtest::CountingResource counting;
  mwtest::ScopedDefaultResource as_default{&counting};
};
