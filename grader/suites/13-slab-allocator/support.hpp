// support.hpp — helpers shared by the files of the 13-slab-allocator suite.
//
// Rule for every test of this suite: its first call into the learner's code constructs a
// SlabCache, which throws on the stub, so each test fails on its own instead of stopping the
// binary in a noexcept function.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory_resource>
#include <new>
#include <vector>

#include <mwtest/address.hpp>
#include <mwtest/counting_resource.hpp>

#include "slab_cache.hpp"

namespace slab_suite {

using mwtest::address;
using mwtest::errors_of;
using mwtest::is_aligned;

/// Returns: the start of the slab-sized, slab-aligned block that holds `p`.
inline const void* slab_base(const void* p, std::size_t slab_bytes) {
  return reinterpret_cast<const void*>(address(p) & ~(slab_bytes - 1));
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

/// A memory_resource that maps every block straight from the kernel, so that a test can make
/// all blocks but one inaccessible and see whether the code under test touches the others:
/// a read or write of a protected block stops the test with SIGSEGV.
class PageResource : public std::pmr::memory_resource {
 public:
  PageResource() = default;
  PageResource(const PageResource&) = delete;
  PageResource& operator=(const PageResource&) = delete;
  ~PageResource() override {
    for (const auto& [block, bytes] : blocks_) munmap(block, bytes);
  }

  /// Effects: makes every live block inaccessible except the one starting at `open`.
  void protect_all_but(const void* open) {
    for (const auto& [block, bytes] : blocks_) {
      if (block != open) mprotect(block, bytes, PROT_NONE);
    }
  }
  /// Effects: makes every live block readable and writable again.
  void unprotect_all() {
    for (const auto& [block, bytes] : blocks_) mprotect(block, bytes, PROT_READ | PROT_WRITE);
  }

 private:
  static constexpr std::size_t page = 4096;

  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    if (alignment > page) throw std::bad_alloc();  // mmap aligns to a page, no more
    const std::size_t mapped = (bytes + page - 1) / page * page;
    void* block = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) throw std::bad_alloc();
    blocks_[block] = mapped;
    return block;
  }
  void do_deallocate(void* block, std::size_t, std::size_t) override {
    munmap(block, blocks_.at(block));
    blocks_.erase(block);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::map<void*, std::size_t> blocks_;
};

/// Effects: allocates `count` objects. Returns: them, in order.
inline std::vector<void*> allocate_n(mw::SlabCache& cache, std::size_t count) {
  std::vector<void*> objects;
  objects.reserve(count);
  for (std::size_t i = 0; i < count; ++i) objects.push_back(cache.allocate());
  return objects;
}

}  // namespace slab_suite
