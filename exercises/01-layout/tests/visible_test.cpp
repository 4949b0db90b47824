// Visible tests for 01-layout: a few examples of what the hidden suite expects.
// Run them with `build/main/bin/grader test 01`.
#include <gtest/gtest.h>

#include <cstddef>

#include "layout.hpp"

namespace {

using mw::Layout;

// Valid alignments are powers of two; anything else is refused, 0 included.
TEST(Visible, FromSizeAlignValidatesAlignment) {
  EXPECT_TRUE(Layout::from_size_align(16, 8).has_value());
  EXPECT_FALSE(Layout::from_size_align(16, 0).has_value());
  EXPECT_FALSE(Layout::from_size_align(16, 12).has_value());
}

// align_up rounds up to the next multiple and leaves multiples alone.
TEST(Visible, AlignUpRoundsUp) {
  EXPECT_EQ(mw::align_up(13, 8), 16u);
  EXPECT_EQ(mw::align_up(16, 8), 16u);
}

// struct { char c; int i; short s; }: extend field by field, then pad the end.
TEST(Visible, ExtendChainGivesStructLayout) {
  struct S {
    char c;
    int i;
    short s;
  };
  const Layout start = Layout::of<char>();
  const auto with_int = start.extend(Layout::of<int>());
  ASSERT_TRUE(with_int.has_value());
  EXPECT_EQ(with_int->offset, offsetof(S, i));

  const auto with_short = with_int->layout.extend(Layout::of<short>());
  ASSERT_TRUE(with_short.has_value());
  EXPECT_EQ(with_short->offset, offsetof(S, s));
  EXPECT_EQ(with_short->layout.size(), 10u);                       // extend does not pad the end...
  EXPECT_EQ(with_short->layout.pad_to_align().size(), sizeof(S));  // ...pad_to_align does
  EXPECT_EQ(with_short->layout.align(), alignof(S));
}

// array<T>(n) reports an overflowing n instead of wrapping around.
TEST(Visible, ArrayReportsOverflow) {
  EXPECT_EQ(Layout::array<int>(4)->size(), 16u);
  EXPECT_FALSE(Layout::array<int>(SIZE_MAX / 2).has_value());
}

}  // namespace
