// fakes.hpp — allocators with known behaviour for the 04-allocator-benchmarks suite.
//
// GoodAllocator is a small, correct allocator over one buffer whose addresses the tests
// control; each broken allocator below plants exactly one bug a checker must catch.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include <mwtest/address.hpp>

#include "allocator.hpp"
#include "trace.hpp"

namespace fakes {

using mw::bench::AllocatorUnderTest;

/// Parses a trace written inline in a test.
inline mw::bench::Trace trace_of(const std::string& text) {
  std::istringstream in(text);
  return mw::bench::parse_trace(in, "test");
}

/// A correct allocator: bumps through a 64-byte-aligned buffer, reuses a freed block for a
/// request of the same size, and records every call so tests can audit the caller.
class GoodAllocator : public AllocatorUnderTest {
 public:
  static constexpr std::size_t capacity = 1 << 20;
  static constexpr std::size_t buffer_align = 64;

  const char* name() const noexcept override { return "good"; }

  void* allocate(std::size_t size, std::size_t align) override {
    ++allocations;
    auto reused = free_.find(size);
    std::byte* p = nullptr;
    if (reused != free_.end() && mwtest::is_aligned(reused->second, align)) {
      p = reused->second;
      free_.erase(reused);
    } else {
      used_ = (used_ + align - 1) / align * align;
      if (used_ + size > capacity) return nullptr;
      p = buffer_.get() + used_;
      used_ += size;
    }
    live_[p] = size;
    return p;
  }

  void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                   std::size_t align) override {
    void* q = allocate(new_size, align);
    if (q == nullptr) return nullptr;
    copy_on_reallocate(q, p, std::min(old_size, new_size));
    deallocate(p, old_size, align);
    return q;
  }

  void deallocate(void* p, std::size_t size, std::size_t) noexcept override {
    ++deallocations;
    auto it = live_.find(static_cast<std::byte*>(p));
    if (it == live_.end() || it->second != size) {
      ++bad_deallocations;
      return;
    }
    live_.erase(it);
    free_.emplace(size, static_cast<std::byte*>(p));
  }

  void reset() noexcept override { ++resets; }
  void trim() noexcept override { ++trims; }
  std::size_t footprint() const noexcept override { return used_; }

  /// Blocks allocated and not yet deallocated.
  std::size_t live_blocks() const { return live_.size(); }
  /// The start of the buffer; tests place blocks relative to it.
  std::byte* base() const { return buffer_.get(); }

  std::size_t allocations = 0;
  std::size_t deallocations = 0;
  std::size_t bad_deallocations = 0;  ///< unknown pointer or wrong size
  std::size_t resets = 0;
  std::size_t trims = 0;

 protected:
  /// How reallocate moves the contents; broken allocators override it.
  virtual void copy_on_reallocate(void* to, const void* from, std::size_t bytes) {
    std::memcpy(to, from, bytes);
  }

  /// Starts bumping `offset` bytes into the buffer (leaves room before the first block).
  void skip(std::size_t offset) { used_ = offset; }

 private:
  struct AlignedDelete {
    void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t{buffer_align}); }
  };
  std::unique_ptr<std::byte[], AlignedDelete> buffer_{
      static_cast<std::byte*>(::operator new[](capacity, std::align_val_t{buffer_align}))};
  std::size_t used_ = 0;
  std::map<std::byte*, std::size_t> live_;
  std::multimap<std::size_t, std::byte*> free_;
};

/// Returns every block `misalign` bytes past an address aligned to 64 — aligned to
/// `misalign` but to nothing larger.
class MisalignedAllocator : public GoodAllocator {
 public:
  explicit MisalignedAllocator(std::size_t misalign) : misalign_(misalign) {}
  void* allocate(std::size_t size, std::size_t align) override {
    auto* p = static_cast<std::byte*>(GoodAllocator::allocate(size + misalign_, 64));
    return p + misalign_;
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    GoodAllocator::deallocate(static_cast<std::byte*>(p) - misalign_, size + misalign_, align);
  }

 private:
  std::size_t misalign_;
};

/// Call number `which` (1-based) of allocate returns `offset` bytes past the start of the
/// block returned by call number `inside` — a block placed over a live one.
class OverlappingAllocator : public GoodAllocator {
 public:
  OverlappingAllocator(std::size_t which, std::size_t inside, std::ptrdiff_t offset,
                       std::size_t leading_gap = 0)
      : which_(which), inside_(inside), offset_(offset) {
    skip(leading_gap);
  }
  void* allocate(std::size_t size, std::size_t align) override {
    ++calls_;
    if (calls_ == which_) return returned_.at(inside_ - 1) + offset_;
    auto* p = static_cast<std::byte*>(GoodAllocator::allocate(size, align));
    returned_.push_back(p);
    return p;
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    if (calls_ >= which_ && p == returned_.at(inside_ - 1) + offset_) return;  // the fake block
    GoodAllocator::deallocate(p, size, align);
  }

 private:
  std::size_t which_, inside_, calls_ = 0;
  std::ptrdiff_t offset_;
  std::vector<std::byte*> returned_;
};

/// On call number `which` of allocate, flips the byte at `offset` of the first block it
/// returned (offset counted from its end when negative) — a write into another live block.
class CorruptingAllocator : public GoodAllocator {
 public:
  CorruptingAllocator(std::size_t which, std::ptrdiff_t offset) : which_(which), offset_(offset) {}
  void* allocate(std::size_t size, std::size_t align) override {
    auto* p = static_cast<std::byte*>(GoodAllocator::allocate(size, align));
    if (++calls_ == 1) {
      first_ = p;
      first_size_ = size;
    }
    if (calls_ == which_) {
      const std::ptrdiff_t at =
          offset_ >= 0 ? offset_ : static_cast<std::ptrdiff_t>(first_size_) + offset_;
      first_[at] ^= std::byte{0xFF};
    }
    return p;
  }

 private:
  std::size_t which_, calls_ = 0, first_size_ = 0;
  std::ptrdiff_t offset_;
  std::byte* first_ = nullptr;
};

/// reallocate moves only the first `kept` bytes (and fills the rest with 0xEE), where a
/// correct one moves min(old, new).
class ForgetfulReallocator : public GoodAllocator {
 public:
  explicit ForgetfulReallocator(std::size_t kept) : kept_(kept) {}

 protected:
  void copy_on_reallocate(void* to, const void* from, std::size_t bytes) override {
    std::memset(to, 0xEE, bytes);
    std::memcpy(to, from, std::min(kept_, bytes));
  }

 private:
  std::size_t kept_;
};

/// allocate fails (returns nullptr) from call number `which` on.
class ExhaustedAllocator : public GoodAllocator {
 public:
  explicit ExhaustedAllocator(std::size_t which) : which_(which) {}
  void* allocate(std::size_t size, std::size_t align) override {
    if (++calls_ >= which_) return nullptr;
    return GoodAllocator::allocate(size, align);
  }

 private:
  std::size_t which_, calls_ = 0;
};

/// A correct allocator whose footprint is scripted: a constant `baseline` plus every live
/// block rounded up to 64 bytes, so it gives memory back on free and its footprint after
/// the last op is not its peak.
class ScriptedFootprint : public GoodAllocator {
 public:
  explicit ScriptedFootprint(std::size_t baseline) : footprint_(baseline) {}
  void* allocate(std::size_t size, std::size_t align) override {
    void* p = GoodAllocator::allocate(size, align);
    if (p != nullptr) footprint_ += rounded(size);
    return p;
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    footprint_ -= rounded(size);
    GoodAllocator::deallocate(p, size, align);
  }
  std::size_t footprint() const noexcept override { return footprint_; }

 private:
  static std::size_t rounded(std::size_t size) { return (size + 63) / 64 * 64; }
  std::size_t footprint_;
};

}  // namespace fakes
