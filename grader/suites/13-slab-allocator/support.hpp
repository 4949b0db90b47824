// support.hpp — helpers shared by the files of the 13-slab-allocator suite.
//
// Rule for every test of this suite: its first call into the learner's code constructs a
// SlabCache, which throws on the stub, so each test fails on its own instead of stopping the
// binary in a noexcept function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <mwtest/counting_resource.hpp>

#include "slab_cache.hpp"

namespace slab_suite {

inline std::uintptr_t address(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

inline bool is_aligned(const void* p, std::size_t align) {
  return address(p) % align == 0;
}

/// Returns: the start of the slab-sized, slab-aligned block that holds `p`.
inline const void* slab_base(const void* p, std::size_t slab_bytes) {
  return reinterpret_cast<const void*>(address(p) & ~(slab_bytes - 1));
}

/// Every error the CountingResource recorded, one per line, for an assertion message.
inline std::string errors_of(const mwtest::CountingResource& upstream) {
  std::string text;
  for (const auto& error : upstream.errors()) text += error + "\n";
  return text;
}

/// The byte `fill` writes at `index` of the object tagged `tag`.
inline unsigned char pattern_byte(std::uint32_t tag, std::size_t index) {
  return static_cast<unsigned char>((tag * 131u + index * 7u + 1u) & 0xFF);
}

/// Effects: writes the pattern of `tag` over all `size` bytes at `p`.
inline void fill(void* p, std::size_t size, std::uint32_t tag) {
  auto* bytes = static_cast<unsigned char*>(p);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = pattern_byte(tag, i);
}

/// Returns: true when the `size` bytes at `p` still hold the pattern of `tag`.
inline bool holds(const void* p, std::size_t size, std::uint32_t tag) {
  const auto* bytes = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < size; ++i) {
    if (bytes[i] != pattern_byte(tag, i)) return false;
  }
  return true;
}

/// Effects: allocates `count` objects. Returns: them, in order.
inline std::vector<void*> allocate_n(mw::SlabCache& cache, std::size_t count) {
  std::vector<void*> objects;
  objects.reserve(count);
  for (std::size_t i = 0; i < count; ++i) objects.push_back(cache.allocate());
  return objects;
}

}  // namespace slab_suite
