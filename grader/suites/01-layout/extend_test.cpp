// Hidden suite for 01-layout: extend, pad_to_align and padding_needed_for on their own.
#include <gtest/gtest.h>

#include <cstddef>

#include "layout.hpp"
#include "support.hpp"

namespace {

using layout_suite::kMax;
using layout_suite::kTopBit;
using mw::Layout;

// Layout(size, align) through from_size_align, so a failure names the bad pair.
Layout make(std::size_t size, std::size_t align) {
  return Layout::from_size_align(size, align).value();
}

// The new field's offset is the old size rounded up to the field's alignment, also for a
// zero-sized field (kills an extend that places the field at size() unpadded).
TEST(Extend, PadsTheFieldOffset) {
  const auto after_char = make(1, 1).extend(make(8, 8));
  ASSERT_TRUE(after_char.has_value());
  EXPECT_EQ(after_char->offset, 8u);
  EXPECT_EQ(after_char->layout, make(16, 8));

  const auto zero_sized = make(3, 1).extend(make(0, 16));
  ASSERT_TRUE(zero_sized.has_value());
  EXPECT_EQ(zero_sized->offset, 16u);
  EXPECT_EQ(zero_sized->layout, make(16, 16));

  const auto already_aligned = make(8, 8).extend(make(4, 4));
  ASSERT_TRUE(already_aligned.has_value());
  EXPECT_EQ(already_aligned->offset, 8u);
}

// The combined size ends right after the new field: no trailing padding (kills an extend that
// pads the end, which Rust leaves to pad_to_align).
TEST(Extend, DoesNotPadTheEnd) {
  const auto extended = make(8, 8).extend(make(1, 1));
  ASSERT_TRUE(extended.has_value());
  EXPECT_EQ(extended->offset, 8u);
  EXPECT_EQ(extended->layout, make(9, 8));
}

// The combined alignment is the larger of the two, whichever side it comes from (kills taking
// only the new field's alignment, or only the old one).
TEST(Extend, TakesTheLargerAlignment) {
  const auto stricter_next = make(1, 1).extend(make(1, 64));
  ASSERT_TRUE(stricter_next.has_value());
  EXPECT_EQ(stricter_next->layout, make(65, 64));

  const auto stricter_self = make(4, 64).extend(make(2, 2));
  ASSERT_TRUE(stricter_self.has_value());
  EXPECT_EQ(stricter_self->offset, 4u);
  EXPECT_EQ(stricter_self->layout, make(6, 64));
}

// A result past the size limit is reported, exactly at the boundary (kills an extend that builds
// its result without checking it).
TEST(Extend, ReportsResultsPastTheSizeLimit) {
  EXPECT_FALSE(make(kMax, 1).extend(make(1, 1)).has_value());
  EXPECT_FALSE(make(kMax, 1).extend(make(kMax, 1)).has_value());
  EXPECT_FALSE(make(kMax - 7, 8).extend(make(8, 8)).has_value());
  EXPECT_FALSE(make(kMax - 3, 1).extend(make(0, 8)).has_value());
  EXPECT_FALSE(make(1, 1).extend(make(0, kTopBit)).has_value());

  const auto largest = make(kMax - 15, 8).extend(make(8, 8));
  ASSERT_TRUE(largest.has_value());
  EXPECT_EQ(largest->offset, kMax - 15);
  EXPECT_EQ(largest->layout, make(kMax - 7, 8));
}

// pad_to_align rounds the size up to the alignment.
TEST(PadToAlign, RoundsSizeUpToAlignment) {
  EXPECT_EQ(make(9, 8).pad_to_align(), make(16, 8));
  EXPECT_EQ(make(13, 4).pad_to_align(), make(16, 4));
  EXPECT_EQ(make(1, 4096).pad_to_align(), make(4096, 4096));
  EXPECT_EQ(make(kMax - 8, 8).pad_to_align(), make(kMax - 7, 8));
}

// pad_to_align leaves a size that is already a multiple of the alignment alone, 0 included
// (kills `size + align - size % align` and the `(x + a) & ~(a - 1)` off-by-one).
TEST(PadToAlign, KeepsAlignedSizes) {
  EXPECT_EQ(make(16, 8).pad_to_align(), make(16, 8));
  EXPECT_EQ(make(0, 64).pad_to_align(), make(0, 64));
  EXPECT_EQ(make(4096, 4096).pad_to_align(), make(4096, 4096));
  EXPECT_EQ(make(kMax - 7, 8).pad_to_align(), make(kMax - 7, 8));
}

// padding_needed_for is the distance to the next multiple, 0 when already aligned (kills
// `align - size % align`, which answers `align` instead of 0).
TEST(PaddingNeededFor, DistanceToNextMultiple) {
  EXPECT_EQ(make(9, 8).padding_needed_for(8), 7u);
  EXPECT_EQ(make(16, 8).padding_needed_for(8), 0u);
  EXPECT_EQ(make(0, 1).padding_needed_for(64), 0u);
  EXPECT_EQ(make(1, 1).padding_needed_for(4096), 4095u);
  EXPECT_EQ(make(13, 4).padding_needed_for(16), 3u);
  EXPECT_EQ(make(kMax, 1).padding_needed_for(1), 0u);
  EXPECT_EQ(make(kMax, 1).padding_needed_for(kTopBit), 1u);
}

}  // namespace
