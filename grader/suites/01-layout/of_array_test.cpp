// Hidden suite for 01-layout: Layout::of<T>() and Layout::array<T>(n).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "layout.hpp"
#include "support.hpp"

namespace {

using layout_suite::CharDoubleInt;
using layout_suite::Empty;
using layout_suite::kMax;
using mw::Layout;

struct alignas(64) CacheLine {
  char bytes[10];
};

template <class T>
void expect_layout_of() {
  const Layout layout = Layout::of<T>();
  EXPECT_EQ(layout.size(), sizeof(T));
  EXPECT_EQ(layout.align(), alignof(T));
}

// of<T>() is sizeof(T) and alignof(T), also for empty, padded and over-aligned types (kills
// swapped fields and a size that forgets the type's padding).
TEST(LayoutOf, MatchesSizeofAndAlignof) {
  expect_layout_of<char>();
  expect_layout_of<int>();
  expect_layout_of<double>();
  expect_layout_of<long double>();
  expect_layout_of<std::max_align_t>();
  expect_layout_of<void*>();
  expect_layout_of<Empty>();
  expect_layout_of<CharDoubleInt>();
  expect_layout_of<CacheLine>();
}

// array<T>(n) is n * sizeof(T) bytes aligned as T, including n == 0 and over-aligned T.
TEST(LayoutArray, MultipliesSizeAndKeepsAlignment) {
  EXPECT_EQ(Layout::array<int>(10), Layout::from_size_align(40, 4));
  EXPECT_EQ(Layout::array<double>(0), Layout::from_size_align(0, 8));
  EXPECT_EQ(Layout::array<CacheLine>(3), Layout::from_size_align(192, 64));
  EXPECT_EQ(Layout::array<CharDoubleInt>(5), Layout::from_size_align(5 * 24, 8));
}

// A product n * sizeof(T) that wraps past SIZE_MAX is reported, not turned into a small size
// (kills an unchecked multiplication: each case below wraps to 0, 2 or 64).
TEST(LayoutArray, ReportsOverflowNearSizeMax) {
  EXPECT_FALSE(Layout::array<std::uint64_t>(SIZE_MAX / 8 + 1).has_value());
  EXPECT_FALSE(Layout::array<std::uint32_t>(SIZE_MAX / 4 + 1).has_value());
  EXPECT_FALSE(Layout::array<char[3]>(SIZE_MAX / 3 + 1).has_value());
  EXPECT_FALSE(Layout::array<CacheLine>(SIZE_MAX / 64 + 2).has_value());
  EXPECT_FALSE(Layout::array<std::uint64_t>(SIZE_MAX).has_value());
}

// A product that fits in size_t but exceeds PTRDIFF_MAX is rejected, exactly at the boundary
// (kills an array that checks the multiplication but not the Layout size limit).
TEST(LayoutArray, RejectsSizesAbovePtrdiffMax) {
  EXPECT_EQ(Layout::array<char>(kMax), Layout::from_size_align(kMax, 1));
  EXPECT_FALSE(Layout::array<char>(kMax + 1).has_value());
  EXPECT_EQ(Layout::array<int>(kMax / 4), Layout::from_size_align(kMax / 4 * 4, 4));
  EXPECT_FALSE(Layout::array<int>(kMax / 4 + 1).has_value());
  EXPECT_FALSE(Layout::array<std::uint64_t>(kMax / 8 + 1).has_value());
}

}  // namespace
