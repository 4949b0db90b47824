// mwtest/counting_resource.hpp — a memory_resource test double that records
// every allocation and checks every deallocation against it.
//
// Hidden suites use it as the upstream of the learner's allocators to count
// chunk allocations exactly and to catch the bugs a learner writes: freeing
// with the wrong size or alignment, freeing twice, freeing what was never
// allocated, or keeping memory at destruction. A mismatch is recorded (not
// thrown, since deallocate is noexcept) and the test asserts on errors().
#pragma once

#include <cstddef>
#include <map>
#include <memory_resource>
#include <mutex>
#include <string>
#include <vector>

namespace mwtest {

class CountingResource : public std::pmr::memory_resource {
 public:
  /// One live block: what allocate was asked for.
  struct Block {
    std::size_t bytes;
    std::size_t alignment;
  };

  explicit CountingResource(std::pmr::memory_resource* upstream = std::pmr::new_delete_resource())
      : upstream_(upstream) {}
  CountingResource(const CountingResource&) = delete;
  CountingResource& operator=(const CountingResource&) = delete;

  /// Number of successful allocate calls so far.
  std::size_t allocations() const {
    return locked([&] { return allocations_; });
  }
  /// Number of deallocate calls so far (matching or not).
  std::size_t deallocations() const {
    return locked([&] { return deallocations_; });
  }
  /// Bytes currently allocated and not yet returned.
  std::size_t live_bytes() const {
    return locked([&] { return live_bytes_; });
  }
  /// Blocks currently allocated and not yet returned.
  std::size_t live_blocks() const {
    return locked([&] { return live_.size(); });
  }
  /// Largest live_bytes() ever seen.
  std::size_t peak_bytes() const {
    return locked([&] { return peak_bytes_; });
  }
  /// Sizes of every allocate call, in order.
  std::vector<std::size_t> sizes() const {
    return locked([&] { return sizes_; });
  }
  /// Every mismatch seen: one line each. Empty when the learner was correct.
  std::vector<std::string> errors() const {
    return locked([&] { return errors_; });
  }

  /// True when [p, p + bytes) lies inside one live block (to check that an allocator hands
  /// out memory it really got from this resource, e.g. not below a chunk's start).
  bool contains(const void* p, std::size_t bytes) const {
    return locked([&] {
      auto* byte = static_cast<const char*>(p);
      auto it = live_.upper_bound(const_cast<void*>(p));  // first block starting after p
      if (it == live_.begin()) return false;
      --it;
      auto offset = static_cast<std::size_t>(byte - static_cast<const char*>(it->first));
      return offset <= it->second.bytes && bytes <= it->second.bytes - offset;
    });
  }

  /// When set, the next allocate calls throw std::bad_alloc (to test exception safety).
  void fail_allocations(bool fail) {
    std::lock_guard lock(mutex_);
    fail_ = fail;
  }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    std::lock_guard lock(mutex_);
    if (fail_) throw std::bad_alloc();
    void* p = upstream_->allocate(bytes, alignment);
    live_[p] = Block{bytes, alignment};
    ++allocations_;
    live_bytes_ += bytes;
    if (live_bytes_ > peak_bytes_) peak_bytes_ = live_bytes_;
    sizes_.push_back(bytes);
    return p;
  }

  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    std::lock_guard lock(mutex_);
    ++deallocations_;
    auto it = live_.find(p);
    if (it == live_.end()) {
      errors_.push_back(
          "deallocate of a pointer that is not live (double free or never allocated)");
      return;  // Never pass a bad pointer upstream: that would crash the test binary.
    }
    if (it->second.bytes != bytes || it->second.alignment != alignment) {
      errors_.push_back("deallocate(" + std::to_string(bytes) + ", " + std::to_string(alignment) +
                        ") of a block allocated as (" + std::to_string(it->second.bytes) + ", " +
                        std::to_string(it->second.alignment) + ")");
    }
    upstream_->deallocate(p, it->second.bytes, it->second.alignment);
    live_bytes_ -= it->second.bytes;
    live_.erase(it);
  }

  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  template <class F>
  auto locked(F f) const -> decltype(f()) {
    std::lock_guard lock(mutex_);
    return f();
  }

  std::pmr::memory_resource* upstream_;
  mutable std::mutex mutex_;
  std::map<void*, Block> live_;
  std::vector<std::size_t> sizes_;
  std::vector<std::string> errors_;
  std::size_t allocations_ = 0;
  std::size_t deallocations_ = 0;
  std::size_t live_bytes_ = 0;
  std::size_t peak_bytes_ = 0;
  bool fail_ = false;
};

/// Every error `resource` recorded, one per line, for an assertion message.
inline std::string errors_of(const CountingResource& resource) {
  std::string text;
  for (const auto& error : resource.errors()) text += error + "\n";
  return text;
}

}  // namespace mwtest
