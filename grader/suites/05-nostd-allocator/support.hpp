// support.hpp — shared by this suite's tests: exact-size buffers that ASan
// guards, a model of the live blocks that checks placement and payloads, and
// a helper that fills the allocator up.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <ostream>
#include <vector>

#include <mwtest/address.hpp>

#include "free_list.hpp"

namespace mwtest05 {

/// The size of the buffer most tests give their allocator.
inline constexpr std::size_t kArenaBytes = 64 * 1024;

/// An exact-size heap buffer starting `offset` bytes past a 16-aligned
/// address. The heap redzone after the end makes AddressSanitizer report any
/// write past it; the bytes before the start hold a canary, checked when the
/// arena is destroyed, so a write before the start fails the test too.
class Arena {
 public:
  explicit Arena(std::size_t bytes, std::size_t offset = 0)
      : storage_(new std::byte[offset + bytes]), offset_(offset), bytes_(bytes) {
    std::memset(storage_.get(), kCanary, offset_);
  }
  ~Arena() {
    for (std::size_t i = 0; i < offset_; ++i) {
      if (storage_[i] != std::byte{kCanary}) {
        ADD_FAILURE() << "the allocator wrote " << offset_ - i
                      << " byte(s) before the start of its buffer";
        break;
      }
    }
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  std::byte* data() const { return storage_.get() + offset_; }
  std::size_t size() const { return bytes_; }

  /// Returns: whether [p, p + n) lies inside the buffer.
  bool contains(const void* p, std::size_t n) const {
    const auto first = reinterpret_cast<std::uintptr_t>(data());
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    return a >= first && a - first <= bytes_ && n <= bytes_ - (a - first);
  }

 private:
  static constexpr unsigned char kCanary = 0x5A;
  std::unique_ptr<std::byte[]> storage_;
  std::size_t offset_;
  std::size_t bytes_;
};

using mwtest::is_aligned;

/// The blocks a test holds, keyed by address. add() checks a new block the
/// way a real caller relies on it: aligned, inside the buffer, overlapping no
/// live block; it then fills the payload with a pattern that intact() checks.
class LiveBlocks {
 public:
  explicit LiveBlocks(const Arena& arena) : arena_(&arena) {}

  /// Effects: records and fills a block; a failed check is a test failure.
  void add(void* p, std::size_t size, std::size_t align) {
    ASSERT_NE(p, nullptr);
    // A zero-size request still owns one byte: its pointer must be unique.
    const std::size_t extent = size == 0 ? 1 : size;
    ASSERT_TRUE(is_aligned(p, align)) << p << " is not aligned to " << align;
    ASSERT_TRUE(arena_->contains(p, extent)) << p << " + " << size << " is outside the buffer";
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    auto next = blocks_.lower_bound(a);
    if (next != blocks_.end()) {
      ASSERT_LE(a + extent, next->first) << "block " << p << " overlaps the next live block";
    }
    if (next != blocks_.begin()) {
      auto prev = std::prev(next);
      ASSERT_LE(prev->first + prev->second.extent, a) << "block " << p << " overlaps a live block";
    }
    const auto tag = static_cast<unsigned char>(++tags_ * 37 + 11);
    std::memset(p, tag, size);
    blocks_.emplace(a, Block{size, extent, tag});
  }

  /// Returns: whether the payload at `p` still holds the pattern add() wrote.
  bool intact(std::uintptr_t a) const {
    const Block& b = blocks_.at(a);
    const auto* bytes = reinterpret_cast<const unsigned char*>(a);
    for (std::size_t i = 0; i < b.size; ++i) {
      if (bytes[i] != b.tag) return false;
    }
    return true;
  }

  /// Returns: the number of live blocks whose payload was overwritten.
  std::size_t corrupted() const {
    std::size_t n = 0;
    for (const auto& [a, b] : blocks_) n += intact(a) ? 0 : 1;
    return n;
  }

  void remove(std::uintptr_t a) { blocks_.erase(a); }
  bool empty() const { return blocks_.empty(); }
  std::size_t count() const { return blocks_.size(); }
  /// Returns: the address of the `i`-th live block in address order.
  std::uintptr_t nth(std::size_t i) const { return std::next(blocks_.begin(), i)->first; }

  /// Returns: the sum of the sizes requested for the live blocks.
  std::size_t requested_bytes() const {
    std::size_t total = 0;
    for (const auto& [a, b] : blocks_) total += b.size;
    return total;
  }

 private:
  struct Block {
    std::size_t size;    // as requested
    std::size_t extent;  // bytes the caller owns: at least one
    unsigned char tag;   // the fill pattern
  };
  const Arena* arena_;
  std::map<std::uintptr_t, Block> blocks_;
  unsigned tags_ = 0;
};

/// A block a test took: its payload and the size it asked for.
struct Taken {
  void* p;
  std::size_t size;
};

/// Effects: allocates until not even one byte fits, biggest requests first.
/// Returns: the blocks, so a test can check or free some of them.
inline std::vector<Taken> exhaust(mw::FreeListAllocator& allocator, std::size_t align = 1) {
  std::vector<Taken> taken;
  for (std::size_t size = allocator.capacity(); size > 0; size /= 2) {
    while (void* p = allocator.allocate(size, align)) taken.push_back({p, size});
  }
  return taken;
}

/// The statistics, compared as one value so a test can check nothing changed.
struct Stats {
  std::size_t capacity, used, free, largest, count;
  bool operator==(const Stats&) const = default;
};

inline Stats stats_of(const mw::FreeListAllocator& a) {
  return {a.capacity(), a.used_bytes(), a.free_bytes(), a.largest_free_block(),
          a.free_block_count()};
}

inline std::ostream& operator<<(std::ostream& out, const Stats& s) {
  return out << "{capacity " << s.capacity << ", used " << s.used << ", free " << s.free
             << ", largest " << s.largest << ", count " << s.count << "}";
}

/// Returns: whether the allocator is back to one free block spanning all of it.
inline testing::AssertionResult is_one_whole_block(const mw::FreeListAllocator& a) {
  const Stats s = stats_of(a);
  if (s.capacity > 0 && s.used == 0 && s.free == s.capacity && s.largest == s.capacity &&
      s.count == 1) {
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << "expected one free block spanning the buffer, got " << s;
}

}  // namespace mwtest05
