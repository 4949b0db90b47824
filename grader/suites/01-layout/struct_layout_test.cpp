// Hidden suite for 01-layout: an extend chain closed by pad_to_align reproduces the layout the
// compiler gives real structs (sizeof, alignof, offsetof), as #[repr(C)] does in Rust.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "layout.hpp"
#include "support.hpp"

namespace {

using layout_suite::CharDoubleInt;
using layout_suite::Empty;
using mw::Layout;
using ::testing::ElementsAre;

// What a C struct with the given fields looks like: its layout and its fields' offsets.
struct ReprC {
  Layout layout;
  std::vector<std::size_t> offsets;
};

// Lays the fields out in order, the way Rust's Layout documentation builds a #[repr(C)] struct:
// start empty, extend by each field, pad the end once.
ReprC repr_c(std::initializer_list<Layout> fields) {
  Layout layout = Layout::from_size_align(0, 1).value();
  std::vector<std::size_t> offsets;
  for (const Layout& field : fields) {
    const Layout::Extended extended = layout.extend(field).value();
    layout = extended.layout;
    offsets.push_back(extended.offset);
  }
  return {layout.pad_to_align(), offsets};
}

template <class T>
void expect_layout_of(const ReprC& computed) {
  EXPECT_EQ(computed.layout.size(), sizeof(T));
  EXPECT_EQ(computed.layout.align(), alignof(T));
}

struct DoubleIntChar {
  double d;
  int i;
  char c;
};
struct CharShortCharInt {
  char a;
  short s;
  char b;
  int i;
};
struct Inner {
  int value;
  char tag;
};
struct Outer {
  char kind;
  Inner inner;
  char flag;
};
struct OverAligned {
  char c;
  alignas(64) char line[3];
  int after;
};
struct WithEmpty {
  Empty marker;
  char name[5];
  std::uint64_t id;
};

// char, double, int: padding before the double and after the int (24 bytes on x86-64).
TEST(StructLayout, CharDoubleInt) {
  const ReprC computed = repr_c({Layout::of<char>(), Layout::of<double>(), Layout::of<int>()});
  expect_layout_of<CharDoubleInt>(computed);
  EXPECT_THAT(computed.offsets, ElementsAre(offsetof(CharDoubleInt, c), offsetof(CharDoubleInt, d),
                                            offsetof(CharDoubleInt, i)));
}

// double, int, char: no inner padding, only tail padding up to the double's alignment
// (kills an end that is not padded to the struct's alignment).
TEST(StructLayout, DoubleIntCharNeedsOnlyTailPadding) {
  const ReprC computed = repr_c({Layout::of<double>(), Layout::of<int>(), Layout::of<char>()});
  expect_layout_of<DoubleIntChar>(computed);
  EXPECT_THAT(computed.offsets, ElementsAre(offsetof(DoubleIntChar, d), offsetof(DoubleIntChar, i),
                                            offsetof(DoubleIntChar, c)));
}

// char, short, char, int: small gaps of different sizes between mixed fields.
TEST(StructLayout, CharShortCharInt) {
  const ReprC computed =
      repr_c({Layout::of<char>(), Layout::of<short>(), Layout::of<char>(), Layout::of<int>()});
  expect_layout_of<CharShortCharInt>(computed);
  EXPECT_THAT(computed.offsets,
              ElementsAre(offsetof(CharShortCharInt, a), offsetof(CharShortCharInt, s),
                          offsetof(CharShortCharInt, b), offsetof(CharShortCharInt, i)));
}

// A nested struct is a field whose layout is itself a padded extend chain: the field after it
// starts past the inner struct's tail padding (kills a pad_to_align that leaves the size alone).
TEST(StructLayout, NestedStruct) {
  const ReprC inner = repr_c({Layout::of<int>(), Layout::of<char>()});
  expect_layout_of<Inner>(inner);
  const ReprC outer = repr_c({Layout::of<char>(), inner.layout, Layout::of<char>()});
  expect_layout_of<Outer>(outer);
  EXPECT_THAT(outer.offsets,
              ElementsAre(offsetof(Outer, kind), offsetof(Outer, inner), offsetof(Outer, flag)));
}

// An alignas(64) member moves to offset 64, raises the struct's alignment to 64, and the size to
// a multiple of 64 (kills an extend that keeps the first field's alignment).
TEST(StructLayout, OverAlignedMember) {
  const ReprC computed =
      repr_c({Layout::of<char>(), Layout::from_size_align(3, 64).value(), Layout::of<int>()});
  expect_layout_of<OverAligned>(computed);
  EXPECT_THAT(computed.offsets, ElementsAre(offsetof(OverAligned, c), offsetof(OverAligned, line),
                                            offsetof(OverAligned, after)));
}

// An empty member still takes one byte in C++ (sizeof(Empty) == 1), and an array member is an
// array<T>(n) field.
TEST(StructLayout, EmptyMemberAndArrayMember) {
  const ReprC computed =
      repr_c({Layout::of<Empty>(), Layout::array<char>(5).value(), Layout::of<std::uint64_t>()});
  expect_layout_of<WithEmpty>(computed);
  EXPECT_THAT(computed.offsets, ElementsAre(offsetof(WithEmpty, marker), offsetof(WithEmpty, name),
                                            offsetof(WithEmpty, id)));
}

}  // namespace
