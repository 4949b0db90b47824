// table_reader.cpp — validation and in-place reads for the MWT1 format (see table_reader.hpp).
#include "table_reader.hpp"

#include <mw/todo.hpp>

namespace mw::table {

// Helpers worth writing first, in an anonymous namespace:
//  - load_u32(bytes, at): the little-endian u32 at byte `at`, built from four bytes (the
//    buffer may sit at any address, so never load through a uint32_t*);
//  - fits(offset, length, size): is [offset, offset + length) inside [0, size)? Without ever
//    computing offset + length, which can overflow.

std::optional<Reader> Reader::parse(std::span<const std::byte> bytes) {
  // TODO: check the header, the records array, the string table and every record's name,
  // all before returning a Reader; after that, nothing is checked again.
  MW_TODO();
}

Record Reader::operator[](std::size_t i) const {
  // TODO: read record i in place; its name is a view into strings_.
  MW_TODO();
}

std::optional<Record> Reader::find(std::string_view name) const {
  // TODO: a linear search that compares views (no std::string).
  MW_TODO();
}

}  // namespace mw::table
