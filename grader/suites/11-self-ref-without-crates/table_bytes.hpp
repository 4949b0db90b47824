// table_bytes.hpp — builds MWT1 tables byte by byte for the reader tests, independently of
// the learner's code, and pokes single fields to make them malformed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace tabletest {

using Bytes = std::vector<std::byte>;

/// Field offsets of the format (see table_reader.hpp).
inline constexpr std::size_t kCountField = 4;
inline constexpr std::size_t kStringsOffsetField = 8;
inline constexpr std::size_t kStringsSizeField = 12;
/// Returns: the offset of record i's name_offset field; +4 is name_length, +8 value.
inline constexpr std::size_t record_field(std::size_t i) {
  return 16 + 12 * i;
}

/// Effects: writes `value` little-endian at bytes[at..at+4).
inline void put_u32(Bytes& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) bytes[at + i] = static_cast<std::byte>(value >> (8 * i));
}

/// Returns: a well-formed table of `records`, names stored in order in a string table that
/// ends exactly at the end of the buffer (so an off-by-one bounds check shows).
inline Bytes encode(const std::vector<std::pair<std::string_view, std::uint32_t>>& records) {
  const std::size_t strings_offset = 16 + 12 * records.size();
  std::size_t strings_size = 0;
  for (const auto& [name, value] : records) strings_size += name.size();
  Bytes bytes(strings_offset + strings_size);
  for (std::size_t i = 0; i < 4; ++i) bytes[i] = static_cast<std::byte>("MWT1"[i]);
  put_u32(bytes, kCountField, static_cast<std::uint32_t>(records.size()));
  put_u32(bytes, kStringsOffsetField, static_cast<std::uint32_t>(strings_offset));
  put_u32(bytes, kStringsSizeField, static_cast<std::uint32_t>(strings_size));
  std::size_t name_offset = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& [name, value] = records[i];
    put_u32(bytes, record_field(i), static_cast<std::uint32_t>(name_offset));
    put_u32(bytes, record_field(i) + 4, static_cast<std::uint32_t>(name.size()));
    put_u32(bytes, record_field(i) + 8, value);
    for (const char c : name) bytes[strings_offset + name_offset++] = static_cast<std::byte>(c);
  }
  return bytes;
}

/// A small table used by most tests: three records, values that need all four bytes.
inline Bytes sample() {
  return encode({{"alpha", 1}, {"beta", 0x01020304}, {"gamma-delta-epsilon", 0xFFFFFFFF}});
}

}  // namespace tabletest
