// Visible tests for 04-allocator-benchmarks: a taste of what the hidden suite checks.
// The hidden suite also plants broken allocators (misaligned, overlapping, corrupting)
// that your checker must catch, and checks utilization on a hand-computed trace.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "allocator.hpp"
#include "checker.hpp"
#include "stats.hpp"
#include "trace.hpp"

namespace {

const std::filesystem::path traces_dir =
    std::filesystem::path(__FILE__).parent_path().parent_path() / "traces";

// A small trace parses into ops that know their line and the block's previous size.
TEST(Visible, ParsesASmallTrace) {
  std::istringstream in("# two blocks\na 0 64\nr 0 128\nf 0\n");
  const auto trace = mw::bench::parse_trace(in, "small");
  ASSERT_EQ(trace.ops.size(), 3u);
  EXPECT_EQ(trace.ops[1].kind, mw::bench::OpKind::reallocate);
  EXPECT_EQ(trace.ops[1].old_size, 64u);
  EXPECT_EQ(trace.ops[2].line, 4u);
}

// A malformed line is rejected with its line number.
TEST(Visible, RejectsAnUnknownOp) {
  std::istringstream in("a 0 64\nx 0 64\n");
  try {
    mw::bench::parse_trace(in);
    FAIL() << "parse_trace accepted 'x 0 64'";
  } catch (const mw::bench::TraceError& error) {
    EXPECT_EQ(error.line(), 2u);
  }
}

// A malloc-lab trace: four header lines, kept in lab_header; the requests start on line 5.
TEST(Visible, ParsesAMallocLabTrace) {
  const auto trace = mw::bench::load_trace(traces_dir / "lab-short.rep");
  ASSERT_TRUE(trace.lab_header.has_value());
  EXPECT_EQ(trace.lab_header->id_count, 3u);
  EXPECT_EQ(trace.ops.size(), trace.lab_header->op_count);
  EXPECT_EQ(trace.ops.front().line, 5u);
}

// Every shipped trace parses and glibc passes the checker on it.
TEST(Visible, ShippedTracesPassOnGlibc) {
  for (const char* name :
       {"game-loop.rep", "fixed-churn.rep", "mixed-realloc.rep", "lab-binary.rep",
        "lab-coalescing.rep", "lab-realloc-chain.rep", "lab-short.rep"}) {
    const auto trace = mw::bench::load_trace(traces_dir / name);
    const auto glibc = mw::bench::make_glibc_allocator();
    const auto violation = mw::bench::check_trace(trace, *glibc);
    EXPECT_FALSE(violation) << violation->message;
  }
}

// The median of an odd-sized sample is its middle value.
TEST(Visible, MedianOfThree) {
  EXPECT_DOUBLE_EQ(mw::bench::median({3.0, 1.0, 2.0}), 2.0);
}

}  // namespace
