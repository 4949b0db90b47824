// mwtest/address.hpp — pointers as numbers, for suites that check where memory lies.
//
// The allocator suites compare addresses, check alignment and do arithmetic on block
// positions; these are the two conversions they all need, written once.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mwtest {

/// Returns: the address of `p` as an integer (to compare or subtract addresses, even of
/// different objects).
inline std::uintptr_t address(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

/// Returns: whether `p` is a multiple of `align`.
inline bool is_aligned(const void* p, std::size_t align) {
  return address(p) % align == 0;
}

}  // namespace mwtest
