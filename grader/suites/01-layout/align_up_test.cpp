// Hidden suite for 01-layout: align_up for sizes and for pointers.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "layout.hpp"
#include "support.hpp"

namespace {

using layout_suite::kTopBit;
using mw::align_up;

// A fake address for tests that never dereference it.
void* address(std::uintptr_t value) {
  return reinterpret_cast<void*>(value);
}

// The exact answer, computed in 128 bits so that it cannot wrap: the smallest multiple of
// `align` that is >= `value`, or nullopt when it is past UINTPTR_MAX.
std::optional<std::uintptr_t> exact_align_up(std::uintptr_t value, std::uintptr_t align) {
  const unsigned __int128 rounded =
      (static_cast<unsigned __int128>(value) + align - 1) / align * align;
  if (rounded > UINTPTR_MAX) return std::nullopt;
  return static_cast<std::uintptr_t>(rounded);
}

// The addresses where rounding goes wrong for `align`: zero, either side of the first
// multiple, and either side of the highest multiple up to the top of the address space.
std::vector<std::uintptr_t> edge_addresses(std::uintptr_t align) {
  const std::uintptr_t top_multiple = UINTPTR_MAX - (align - 1);
  return {0,
          1,
          align - 1,
          align,
          align + 1,
          top_multiple - 1,
          top_multiple,
          top_multiple + 1,
          UINTPTR_MAX - 1,
          UINTPTR_MAX};
}

// A multiple of the alignment is returned unchanged (kills `(x + a) & ~(a - 1)` and
// `x + (a - x % a)`, which both move an aligned value up by a whole step).
TEST(AlignUp, KeepsAlignedValues) {
  EXPECT_EQ(align_up(0, 8), 0u);
  EXPECT_EQ(align_up(8, 8), 8u);
  EXPECT_EQ(align_up(64, 16), 64u);
  EXPECT_EQ(align_up(4096, 4096), 4096u);
  EXPECT_EQ(align_up(std::size_t{5} << 20, std::size_t{1} << 20), std::size_t{5} << 20);
  EXPECT_EQ(align_up(kTopBit, kTopBit), kTopBit);
}

// Every value is rounded up to the next multiple, checked against a division-based oracle for
// all alignments from 1 to 4096 (kills rounding down, masks built as `~a`, and `a - 1` slips).
TEST(AlignUp, RoundsUpToNextMultiple) {
  for (std::size_t align = 1; align <= 4096; align *= 2) {
    for (std::size_t value = 0; value <= 3 * align; ++value) {
      const std::size_t expected = (value + align - 1) / align * align;
      ASSERT_EQ(align_up(value, align), expected) << "align_up(" << value << ", " << align << ")";
    }
  }
  EXPECT_EQ(align_up(1, std::size_t{1} << 20), std::size_t{1} << 20);
}

// Rounding past SIZE_MAX reports nullopt instead of wrapping to 0 or a small number, while the
// largest representable multiples are still returned (kills unchecked `x + a - 1`).
TEST(AlignUp, ReportsOverflowInsteadOfWrapping) {
  EXPECT_FALSE(align_up(SIZE_MAX, 8).has_value());
  EXPECT_FALSE(align_up(SIZE_MAX - 6, 8).has_value());
  EXPECT_FALSE(align_up(kTopBit + 1, kTopBit).has_value());
  EXPECT_EQ(align_up(SIZE_MAX - 7, 8), SIZE_MAX - 7);
  EXPECT_EQ(align_up(SIZE_MAX, 1), SIZE_MAX);
  EXPECT_EQ(align_up(1, kTopBit), kTopBit);
}

// Both overloads refuse alignments that are not powers of two, including 0.
TEST(AlignUp, RejectsBadAlignments) {
  for (std::size_t align : {std::size_t{0}, std::size_t{3}, std::size_t{6}, std::size_t{48}}) {
    EXPECT_FALSE(align_up(5, align).has_value()) << "align " << align;
    EXPECT_EQ(align_up(address(0x1005), align), nullptr) << "align " << align;
  }
}

// A pointer that is already aligned comes back unchanged (kills the same off-by-one as for sizes).
TEST(AlignUpPointer, KeepsAlignedPointers) {
  alignas(64) static unsigned char buffer[256];
  EXPECT_EQ(align_up(buffer, 1), buffer);
  EXPECT_EQ(align_up(buffer, 64), buffer);
  EXPECT_EQ(align_up(buffer + 8, 8), buffer + 8);
  EXPECT_EQ(align_up(buffer + 128, 64), buffer + 128);
  EXPECT_EQ(align_up(address(0x100000), std::size_t{1} << 20), address(0x100000));
}

// An unaligned pointer moves forward to the next boundary, never backward and never a whole step
// too far (kills rounding the address down and aligning the pointer's offset instead of its
// address).
TEST(AlignUpPointer, AdvancesToNextBoundary) {
  alignas(64) static unsigned char buffer[256];
  EXPECT_EQ(align_up(buffer + 1, 64), buffer + 64);
  EXPECT_EQ(align_up(buffer + 63, 64), buffer + 64);
  EXPECT_EQ(align_up(buffer + 65, 16), buffer + 80);
  EXPECT_EQ(align_up(buffer + 3, 2), buffer + 4);
  EXPECT_EQ(align_up(address(0x12345), 4096), address(0x13000));
  EXPECT_EQ(align_up(address(0x100001), std::size_t{1} << 20), address(0x200000));
}

// An address that would wrap past the top of the address space gives nullptr, and the highest
// aligned address is still reachable (kills stepping a char* past the end, which wraps to a low
// address and which UBSan reports as pointer overflow, and rounding down).
TEST(AlignUpPointer, ReturnsNullInsteadOfWrapping) {
  EXPECT_EQ(align_up(address(UINTPTR_MAX - 2), 8), nullptr);
  EXPECT_EQ(align_up(address(UINTPTR_MAX), 4096), nullptr);
  EXPECT_EQ(align_up(address(UINTPTR_MAX - 7), 8), address(UINTPTR_MAX - 7));
}

// At zero and at the top of the address space, for every alignment from 1 to 2^63, the pointer
// form gives the same address as exact arithmetic and nullptr exactly where that passes
// UINTPTR_MAX (kills stepping a byte pointer past the top, which UBSan reports, at every
// alignment rather than only the two the test above tries).
TEST(AlignUpPointer, MatchesExactArithmeticAtZeroAndTheTopForEveryAlignment) {
  for (int shift = 0; shift < 64; ++shift) {
    const std::uintptr_t align = std::uintptr_t{1} << shift;
    for (const std::uintptr_t value : edge_addresses(align)) {
      const std::optional<std::uintptr_t> expected = exact_align_up(value, align);
      ASSERT_EQ(align_up(address(value), align), expected ? address(*expected) : nullptr)
          << "align_up(" << std::hex << value << ", " << align << ")";
    }
  }
}

// A typed pointer moves by bytes, not by elements, and still gives nullptr at the top (kills
// `ptr + (aligned - address)` on a T*, which advances sizeof(T) times too far).
TEST(AlignUpPointer, TypedPointersMoveByBytesNotElements) {
  alignas(64) static std::uint32_t words[64];
  const std::uint32_t* first = words;
  EXPECT_EQ(align_up(words + 1, 64), words + 16);
  EXPECT_EQ(align_up(first + 3, 32), first + 8);
  EXPECT_EQ(align_up(words + 16, 64), words + 16);
  const auto* top = static_cast<std::uint64_t*>(address(UINTPTR_MAX - 7));
  EXPECT_EQ(align_up(top, 8), top);
  EXPECT_EQ(align_up(top, 16), nullptr);
}

}  // namespace
