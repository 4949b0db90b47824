// support.hpp — the constants and types several test files of the 01-layout suite use,
// declared once here instead of copied into each file.
#pragma once

#include <cstddef>

#include "layout.hpp"

namespace layout_suite {

/// The largest size a Layout may have (PTRDIFF_MAX, as Rust's Layout documents).
inline constexpr std::size_t kMax = mw::Layout::max_size;
/// The top bit of a size_t: every size from here up overflows any rounding.
inline constexpr std::size_t kTopBit = std::size_t{1} << 63;

/// An empty class: size 1, alignment 1.
struct Empty {};
/// char, double, int: padding before the double and after the int (24 bytes on x86-64).
struct CharDoubleInt {
  char c;
  double d;
  int i;
};

}  // namespace layout_suite
