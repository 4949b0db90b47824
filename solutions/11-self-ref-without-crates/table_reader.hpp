// table_reader.hpp — a zero-copy reader for "MWT1", a tiny binary table of named values.
//
// The format (every integer is a 32-bit little-endian unsigned; no alignment anywhere):
//
//   offset 0   header, 16 bytes
//     0   magic           "MWT1"
//     4   record_count
//     8   strings_offset  where the string table starts, from the start of the buffer
//     12  strings_size    its length in bytes
//   offset 16  record_count records, 12 bytes each
//     0   name_offset     where the name starts, from the start of the string table
//     4   name_length     in bytes
//     8   value
//
// The string table may sit anywhere in the buffer (usually after the records); names may
// share bytes. A buffer is well-formed when it holds the whole header, the whole records
// array, the whole string table, and every name inside the string table.
//
// Reader::parse checks all of that once, with arithmetic that cannot overflow; after that
// every read is in bounds and returns views into the caller's buffer: nothing is copied and
// nothing is allocated. The buffer must outlive the Reader and every view it returns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace mw::table {

inline constexpr std::size_t kHeaderSize = 16;
inline constexpr std::size_t kRecordSize = 12;
inline constexpr std::string_view kMagic = "MWT1";

/// One record, viewed in place: `name` points into the buffer given to Reader::parse.
struct Record {
  std::string_view name;
  std::uint32_t value = 0;
};

class Reader {
 public:
  /// Effects: validates `bytes` as an MWT1 table (see the format above), reading it in place.
  /// Returns: a reader over `bytes`, or std::nullopt when the table is malformed: too short
  /// for the header or the records, a wrong magic, a string table or a name out of range
  /// (including when offset + length overflows 32 bits). Never reads outside `bytes`,
  /// never allocates. Requires nothing of the buffer's alignment.
  static std::optional<Reader> parse(std::span<const std::byte> bytes) noexcept;

  /// Returns: the number of records.
  std::size_t size() const noexcept { return count_; }

  /// Requires: i < size(). Returns: record i, its name a view into the buffer.
  Record operator[](std::size_t i) const noexcept;

  /// Returns: the first record named `name`, or std::nullopt. Allocates nothing.
  std::optional<Record> find(std::string_view name) const noexcept;

 private:
  Reader(std::span<const std::byte> bytes, std::size_t count, std::string_view strings) noexcept
      : bytes_(bytes), count_(count), strings_(strings) {}

  std::span<const std::byte> bytes_;  ///< the whole table, not owned
  std::size_t count_ = 0;             ///< records, all validated by parse
  std::string_view strings_;          ///< the string table, a view into bytes_
};

}  // namespace mw::table
