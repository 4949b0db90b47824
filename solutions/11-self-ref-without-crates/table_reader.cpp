// table_reader.cpp — validation and in-place reads for the MWT1 format (see table_reader.hpp).
#include "table_reader.hpp"

#include <algorithm>

namespace mw::table {
namespace {

/// Requires: at + 4 <= bytes.size(). Returns: the little-endian u32 at `at`. Assembled from
/// bytes, so it needs no alignment (a reinterpret_cast'd uint32_t* load would) and reads
/// the same on any host.
std::uint32_t load_u32(std::span<const std::byte> bytes, std::size_t at) noexcept {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value |= std::to_integer<std::uint32_t>(bytes[at + i]) << (8 * i);
  }
  return value;
}

/// Returns: true when [offset, offset + length) lies inside [0, size). Written so that
/// nothing can overflow: `offset + length` never is computed.
bool fits(std::size_t offset, std::size_t length, std::size_t size) noexcept {
  return offset <= size && length <= size - offset;
}

/// Returns: the offset of record i's first field.
std::size_t record_at(std::size_t i) noexcept {
  return kHeaderSize + i * kRecordSize;
}

}  // namespace

std::optional<Reader> Reader::parse(std::span<const std::byte> bytes) noexcept {
  if (bytes.size() < kHeaderSize) return std::nullopt;
  if (!std::equal(kMagic.begin(), kMagic.end(), bytes.begin(),
                  [](char c, std::byte b) { return static_cast<std::byte>(c) == b; })) {
    return std::nullopt;
  }
  const std::size_t count = load_u32(bytes, 4);
  const std::size_t strings_offset = load_u32(bytes, 8);
  const std::size_t strings_size = load_u32(bytes, 12);

  // count < 2^32 and kRecordSize is 12, so the product fits a 64-bit size_t; dividing keeps
  // it right on a 32-bit one too.
  if (count > (bytes.size() - kHeaderSize) / kRecordSize) return std::nullopt;
  if (!fits(strings_offset, strings_size, bytes.size())) return std::nullopt;

  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t name_offset = load_u32(bytes, record_at(i));
    const std::size_t name_length = load_u32(bytes, record_at(i) + 4);
    if (!fits(name_offset, name_length, strings_size)) return std::nullopt;
  }
  const std::string_view strings(reinterpret_cast<const char*>(bytes.data()) + strings_offset,
                                 strings_size);
  return Reader(bytes, count, strings);
}

Record Reader::operator[](std::size_t i) const noexcept {
  const std::size_t at = record_at(i);
  return Record{strings_.substr(load_u32(bytes_, at), load_u32(bytes_, at + 4)),
                load_u32(bytes_, at + 8)};
}

std::optional<Record> Reader::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < count_; ++i) {
    const Record record = (*this)[i];
    if (record.name == name) return record;
  }
  return std::nullopt;
}

}  // namespace mw::table
