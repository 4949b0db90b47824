// Hidden suite for 01-layout: which (size, align) pairs are valid layouts.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <type_traits>

#include "layout.hpp"
#include "support.hpp"

namespace {

using layout_suite::kMax;
using layout_suite::kTopBit;
using mw::Layout;

static_assert(kMax == PTRDIFF_MAX, "the suite assumes the documented limit, PTRDIFF_MAX");
static_assert(std::is_base_of_v<std::invalid_argument, mw::layout_error>,
              "layout_error must stay catchable as std::invalid_argument");

// is_power_of_two is true for every single-bit value and false for 0 and multi-bit values
// (kills `(a & (a - 1)) == 0` without the zero check, and `a % 2 == 0` checks).
TEST(IsPowerOfTwo, ExactlyOneBitSet) {
  for (unsigned bit = 0; bit < 64; ++bit) {
    EXPECT_TRUE(mw::is_power_of_two(std::size_t{1} << bit)) << "1 << " << bit;
  }
  for (std::size_t value : {std::size_t{0}, std::size_t{3}, std::size_t{6}, std::size_t{48},
                            std::size_t{4095}, kTopBit + 1, SIZE_MAX}) {
    EXPECT_FALSE(mw::is_power_of_two(value)) << value;
  }
}

// from_size_align keeps the size and alignment it accepts, for every power of two up to 2^63
// (kills alignment caps such as align <= 4096 or align <= alignof(max_align_t)).
TEST(FromSizeAlign, AcceptsEveryPowerOfTwoAlignment) {
  for (unsigned bit = 0; bit < 64; ++bit) {
    const std::size_t align = std::size_t{1} << bit;
    const auto layout = Layout::from_size_align(0, align);
    ASSERT_TRUE(layout.has_value()) << "align 1 << " << bit;
    EXPECT_EQ(layout->size(), 0u);
    EXPECT_EQ(layout->align(), align);
  }
  const auto page = Layout::from_size_align(24, 4096);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->size(), 24u);
  EXPECT_EQ(page->align(), 4096u);
  const auto huge = Layout::from_size_align(3 << 20, 1 << 20);
  ASSERT_TRUE(huge.has_value());
  EXPECT_EQ(huge->size(), std::size_t{3} << 20);
  EXPECT_EQ(huge->align(), std::size_t{1} << 20);
}

// Alignment 0 is rejected (kills a power-of-two test `(a & (a - 1)) == 0` that accepts 0).
TEST(FromSizeAlign, RejectsZeroAlignment) {
  EXPECT_FALSE(Layout::from_size_align(0, 0).has_value());
  EXPECT_FALSE(Layout::from_size_align(8, 0).has_value());
}

// Alignments that are not powers of two are rejected (kills `a % 2 == 0`, `a <= 64` style checks).
TEST(FromSizeAlign, RejectsNonPowerOfTwoAlignments) {
  for (std::size_t align : {std::size_t{3}, std::size_t{6}, std::size_t{12}, std::size_t{48},
                            std::size_t{100}, std::size_t{4095}, std::size_t{4097},
                            (std::size_t{1} << 20) + 1, kTopBit + 1, kMax, SIZE_MAX}) {
    EXPECT_FALSE(Layout::from_size_align(8, align).has_value()) << "align " << align;
  }
}

// The size rounded up to the alignment must be at most PTRDIFF_MAX, exactly at the boundary
// (kills a check on the unrounded size, a rounding that wraps SIZE_MAX to 0, and off-by-one
// limits such as `size > max - align`).
TEST(FromSizeAlign, SizeRoundedUpMustNotExceedPtrdiffMax) {
  EXPECT_TRUE(Layout::from_size_align(kMax, 1).has_value());
  EXPECT_FALSE(Layout::from_size_align(kMax + 1, 1).has_value());
  EXPECT_FALSE(Layout::from_size_align(kMax, 2).has_value());
  EXPECT_TRUE(Layout::from_size_align(kMax - 7, 8).has_value());
  EXPECT_FALSE(Layout::from_size_align(kMax - 6, 8).has_value());
  EXPECT_FALSE(Layout::from_size_align(SIZE_MAX, 1).has_value());
  EXPECT_FALSE(Layout::from_size_align(SIZE_MAX, 8).has_value());
  EXPECT_FALSE(Layout::from_size_align(SIZE_MAX - 6, 8).has_value());
  EXPECT_TRUE(Layout::from_size_align(0, kTopBit).has_value());
  EXPECT_FALSE(Layout::from_size_align(1, kTopBit).has_value());
}

// The throwing constructor accepts what from_size_align accepts and throws layout_error otherwise.
TEST(LayoutConstructor, ThrowsLayoutErrorOnInvalidInput) {
  const Layout layout(24, 8);
  EXPECT_EQ(layout.size(), 24u);
  EXPECT_EQ(layout.align(), 8u);
  EXPECT_THROW(Layout(8, 0), mw::layout_error);
  EXPECT_THROW(Layout(8, 48), mw::layout_error);
  EXPECT_THROW(Layout(SIZE_MAX, 8), mw::layout_error);
}

}  // namespace
