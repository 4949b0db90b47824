// Hidden tests: the learner's own workload (mw::bench::make_workload).
#include <gtest/gtest.h>

#include <sstream>

#include "allocator.hpp"
#include "checker.hpp"
#include "trace.hpp"
#include "workload.hpp"

namespace {

/// The trace as text: two traces are the same workload when their texts are equal.
std::string text_of(const mw::bench::Trace& trace) {
  std::ostringstream out;
  mw::bench::write_trace(out, trace);
  return out.str();
}

// The workload has at least 1000 ops, is the same for the same seed, and survives being
// written and parsed back (so it can be shipped as a trace file).
TEST(Workload, IsLargeDeterministicAndWellFormed) {
  const auto trace = mw::bench::make_workload(42);
  EXPECT_GE(trace.ops.size(), 1000u);
  const std::string text = text_of(trace);
  EXPECT_EQ(text, text_of(mw::bench::make_workload(42)));
  std::istringstream in(text);
  EXPECT_EQ(mw::bench::parse_trace(in).ops.size(), trace.ops.size());
}

// The workload replays cleanly through the checker on glibc.
TEST(Workload, PassesTheCheckerOnGlibc) {
  const auto trace = mw::bench::make_workload(7);
  const auto allocator = mw::bench::make_glibc_allocator();
  const auto violation = mw::bench::check_trace(trace, *allocator);
  EXPECT_FALSE(violation) << violation->message;
}

}  // namespace
