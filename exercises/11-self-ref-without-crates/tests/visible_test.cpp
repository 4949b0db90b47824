// Visible tests for 11-self-ref-without-crates: a few examples of what the hidden suite
// expects (it has many more: vector reallocation, destruction order, move assignment,
// into_owner, memcpy'd linked lists at other alignments, malformed tables and a fuzz loop).
// Run them with `build/main/bin/grader test 11`.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "rel_ptr.hpp"
#include "self_ref.hpp"
#include "table_reader.hpp"

namespace {

// A view into the owner survives moving the wrapper: the owner did not move.
TEST(Visible, DependentSurvivesAMove) {
  auto a = mw::SelfRef<std::string, std::string_view>::make(
      "short", [](const std::string& s) { return std::string_view(s).substr(0, 3); });
  const std::string* owner = &a.owner();
  auto b = std::move(a);
  EXPECT_EQ(&b.owner(), owner);
  EXPECT_EQ(b.with_dependent([](std::string_view v) { return std::string(v); }), "sho");
}

// A RelPtr in a struct still points at its sibling field after the struct's bytes are copied.
TEST(Visible, RelPtrFollowsAByteCopy) {
  struct Pair {
    mw::RelPtr<int> link;
    int value;
  };
  Pair a{{}, 42};
  a.link.set(&a.value);
  Pair b;
  std::memcpy(&b, &a, sizeof(Pair));
  EXPECT_EQ(b.link.get(), &b.value);
  EXPECT_EQ(*b.link, 42);
}

/// One record "hi" = 7: header, one record, a 2-byte string table at offset 28.
// clang-format off
constexpr unsigned char kTable[] = {
    'M', 'W', 'T', '1',  1, 0, 0, 0,  28, 0, 0, 0,  2, 0, 0, 0,  // header
    0, 0, 0, 0,          2, 0, 0, 0,  7, 0, 0, 0,                // record 0
    'h', 'i'};                                                   // string table
// clang-format on

// A well-formed table reads in place; the same table one byte short is rejected.
TEST(Visible, ReadsATableAndRejectsATruncatedOne) {
  const auto bytes = std::as_bytes(std::span(kTable));
  const auto reader = mw::table::Reader::parse(bytes);
  ASSERT_TRUE(reader.has_value());
  ASSERT_EQ(reader->size(), 1u);
  EXPECT_EQ((*reader)[0].name, "hi");
  EXPECT_EQ((*reader)[0].name.data(), reinterpret_cast<const char*>(kTable) + 28);
  EXPECT_EQ((*reader)[0].value, 7u);
  EXPECT_FALSE(mw::table::Reader::parse(bytes.first(bytes.size() - 1)).has_value());
}

}  // namespace
