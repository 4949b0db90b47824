// Hidden tests for mw::table::Reader: reads in place, never copies, rejects every malformed
// table without reading outside it (the suite runs under ASan and UBSan).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <span>
#include <vector>

#include "table_bytes.hpp"
#include "table_reader.hpp"

namespace {

using mw::table::Reader;
using tabletest::Bytes;
using tabletest::put_u32;
using tabletest::record_field;

/// Returns: the reader's answer for a heap copy of exactly `bytes` (so ASan sees any read
/// past the end).
std::optional<Reader> parse(const Bytes& bytes) {
  return Reader::parse(std::span(bytes));
}

/// Returns: true when `view` lies entirely inside `bytes`.
bool inside(std::string_view view, std::span<const std::byte> bytes) {
  const auto* begin = reinterpret_cast<const char*>(bytes.data());
  return view.data() >= begin && view.data() + view.size() <= begin + bytes.size();
}

// A well-formed table reads back: count, names and full 32-bit little-endian values.
TEST(TableReader, ReadsEveryRecord) {
  const Bytes bytes = tabletest::sample();
  const auto reader = parse(bytes);
  ASSERT_TRUE(reader.has_value());
  ASSERT_EQ(reader->size(), 3u);
  EXPECT_EQ((*reader)[0].name, "alpha");
  EXPECT_EQ((*reader)[0].value, 1u);
  EXPECT_EQ((*reader)[1].name, "beta");
  EXPECT_EQ((*reader)[1].value, 0x01020304u);
  EXPECT_EQ((*reader)[2].name, "gamma-delta-epsilon");
  EXPECT_EQ((*reader)[2].value, 0xFFFFFFFFu);
}

// Names are views at exactly their place in the caller's buffer; kills a reader that copies
// the strings (into std::string members, a vector, a static buffer).
TEST(TableReader, NamesAreViewsIntoTheBuffer) {
  const Bytes bytes = tabletest::sample();
  const auto reader = parse(bytes);
  ASSERT_TRUE(reader.has_value());
  const auto* strings = reinterpret_cast<const char*>(bytes.data()) + 16 + 3 * 12;
  EXPECT_EQ((*reader)[0].name.data(), strings);
  EXPECT_EQ((*reader)[1].name.data(), strings + 5);
  EXPECT_EQ((*reader)[2].name.data(), strings + 9);
  const auto found = reader->find("beta");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name.data(), strings + 5);
}

// find returns the first record with that name, and nothing for a missing or partial name.
TEST(TableReader, FindsByName) {
  const Bytes bytes = tabletest::encode({{"x", 1}, {"yy", 2}, {"x", 3}});
  const auto reader = parse(bytes);
  ASSERT_TRUE(reader.has_value());
  ASSERT_TRUE(reader->find("x").has_value());
  EXPECT_EQ(reader->find("x")->value, 1u);
  EXPECT_EQ(reader->find("yy")->value, 2u);
  EXPECT_FALSE(reader->find("y").has_value());
  EXPECT_FALSE(reader->find("zz").has_value());
}

// An empty table (no records, empty string table) is valid; kills rejecting a zero-size range.
TEST(TableReader, EmptyTableIsValid) {
  const Bytes bytes = tabletest::encode({});
  const auto reader = parse(bytes);
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ(reader->size(), 0u);
  EXPECT_FALSE(reader->find("").has_value());
}

// The table is read at an odd address; kills loading fields through a reinterpret_cast'd
// uint32_t* (a misaligned load, which UBSan reports).
TEST(TableReader, ReadsAnUnalignedBuffer) {
  const Bytes bytes = tabletest::sample();
  Bytes shifted(bytes.size() + 1);
  std::memcpy(shifted.data() + 1, bytes.data(), bytes.size());
  const auto view = std::span<const std::byte>(shifted).subspan(1);
  const auto reader = Reader::parse(view);
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ((*reader)[1].value, 0x01020304u);
  EXPECT_EQ((*reader)[2].name, "gamma-delta-epsilon");
  EXPECT_TRUE(inside((*reader)[2].name, view));
}

// Every strict prefix of a table is rejected, the full table accepted; kills a missing length
// check and an off-by-one (`<` for `<=`) at the end of the header, records or strings.
TEST(TableReader, RejectsEveryTruncation) {
  const Bytes bytes = tabletest::sample();
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    const Bytes prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
    EXPECT_FALSE(parse(prefix).has_value()) << "accepted a table cut to " << length << " bytes";
  }
  EXPECT_TRUE(parse(bytes).has_value());
}

// A wrong magic is rejected.
TEST(TableReader, RejectsABadMagic) {
  Bytes bytes = tabletest::sample();
  bytes[3] = std::byte{'2'};
  EXPECT_FALSE(parse(bytes).has_value());
}

// A record count larger than the buffer holds is rejected, also when count * 12 wraps in 32
// bits (0x15555556 * 12 = 2^32 + 8); kills computing the records' size in uint32_t. The
// records hold empty names, so a reader fooled by the wrap validates them right off the end.
TEST(TableReader, RejectsARecordCountPastTheEnd) {
  Bytes bytes = tabletest::encode({{"", 0}, {"", 0}});
  ASSERT_TRUE(parse(bytes).has_value());
  for (const std::uint32_t count : {3u, 0x15555556u, 0xFFFFFFFFu}) {
    put_u32(bytes, tabletest::kCountField, count);
    EXPECT_FALSE(parse(bytes).has_value()) << "accepted record_count " << count;
  }
}

// A string table that starts or ends past the buffer is rejected, also when offset + size
// wraps in 32 bits; kills an unchecked or overflowing string-table bound.
TEST(TableReader, RejectsAStringTableOutOfRange) {
  const Bytes good = tabletest::sample();
  const auto size = static_cast<std::uint32_t>(good.size());
  Bytes bytes = good;
  put_u32(bytes, tabletest::kStringsOffsetField, size + 1);
  put_u32(bytes, tabletest::kStringsSizeField, 0);
  EXPECT_FALSE(parse(bytes).has_value());
  bytes = good;
  put_u32(bytes, tabletest::kStringsSizeField, size);  // starts at 52, so ends past the end
  EXPECT_FALSE(parse(bytes).has_value());
  bytes = good;
  put_u32(bytes, tabletest::kStringsOffsetField, 0xFFFFFFF0u);
  put_u32(bytes, tabletest::kStringsSizeField, 0x20u);  // 0xFFFFFFF0 + 0x20 wraps to 0x10
  EXPECT_FALSE(parse(bytes).has_value());
}

// A name that ends one byte past the string table is rejected and one that ends exactly at
// its end accepted; kills an off-by-one in the name bound (in either direction).
TEST(TableReader, NameBoundIsExact) {
  Bytes bytes = tabletest::sample();  // names take 28 bytes: "gamma-delta-epsilon" is 9..28
  put_u32(bytes, record_field(2) + 4, 20);
  EXPECT_FALSE(parse(bytes).has_value());
  put_u32(bytes, record_field(2), 28);
  put_u32(bytes, record_field(2) + 4, 0);  // empty name at the very end: valid
  const auto reader = parse(bytes);
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ((*reader)[2].name, "");
}

// A name whose offset + length wraps in 32 bits is rejected; kills adding the two fields as
// uint32_t (0xFFFFFFFF + 2 == 1, which looks in range).
TEST(TableReader, RejectsANameWhoseEndOverflows) {
  Bytes bytes = tabletest::sample();
  put_u32(bytes, record_field(1), 0xFFFFFFFFu);
  put_u32(bytes, record_field(1) + 4, 2);
  EXPECT_FALSE(parse(bytes).has_value());
  put_u32(bytes, record_field(1), 1);
  put_u32(bytes, record_field(1) + 4, 0xFFFFFFFFu);
  EXPECT_FALSE(parse(bytes).has_value());
}

// Random truncations and byte flips never crash, and whatever is accepted reads in bounds:
// every name lies inside the buffer. A fuzz-ish loop with a fixed seed, under ASan/UBSan.
TEST(TableReader, SurvivesRandomCorruption) {
  const Bytes good = tabletest::encode({{"a", 1}, {"bb", 2}, {"ccc", 3}, {"dddd", 4}});
  std::mt19937 random(20261125);
  std::size_t accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    Bytes bytes = good;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f < flips; ++f) {
      auto& target = bytes[random() % bytes.size()];
      // Half the time a small value (plausible offsets), else any byte.
      target = static_cast<std::byte>(random() % 2 ? random() % 8 : random());
    }
    if (random() % 4 == 0) bytes.resize(random() % bytes.size());
    const auto reader = parse(bytes);
    if (!reader) continue;
    ++accepted;
    for (std::size_t i = 0; i < reader->size(); ++i) {
      ASSERT_TRUE(inside((*reader)[i].name, bytes)) << "round " << round << ", record " << i;
    }
  }
  EXPECT_GT(accepted, 0u);  // some corruptions (a flipped value byte) are still well-formed
}

}  // namespace
