// rel_ptr.hpp — RelPtr<T>: a pointer stored as the distance from its own address to its target.
//
// An ordinary pointer in a buffer holds an absolute address: copy the buffer's bytes
// somewhere else and it still points into the old buffer. A relative pointer holds
// `target - this`; when the whole buffer (pointer and target together) is copied, both move
// by the same amount and the difference is unchanged, so the copy points into the copy.
// That is how rkyv's RelPtr and Boost.Interprocess's offset_ptr make data that can be
// memcpy'd, written to a file or mapped at any address and read in place.
//
//   buffer at 0x1000                     the same bytes copied to 0x8004
//   +------+----------+------+           +------+----------+------+
//   | next:+24 | ...  | node |           | next:+24 | ...  | node |
//   +------+----------+------+           +------+----------+------+
//   0x1000 ------24-----> 0x1018          0x8004 ------24-----> 0x801c
//
// The offset is 32 bits (as in rkyv by default): targets within about ±2 GiB.
// Null is encoded as offset 1, as in offset_ptr: 0 is a real target (a RelPtr that is the
// first member of the object it points to), while an object starting one byte into the
// RelPtr itself cannot exist.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace mw {

template <class T>
class RelPtr {
 public:
  /// Effects: a null pointer.
  RelPtr() noexcept = default;
  /// Effects: a null pointer.
  RelPtr(std::nullptr_t) noexcept {}

  // Copies copy the offset — "the same distance from me" — not the target. That is what
  // makes a byte copy of a whole buffer correct, and why RelPtr is trivially copyable. To
  // point another RelPtr at the same target, write `b.set(a.get())`.
  RelPtr(const RelPtr&) = default;
  RelPtr& operator=(const RelPtr&) = default;

  /// Effects: points this at `target` (nullptr makes it null). Null is stored as offset 1,
  /// so a `target` one byte past this RelPtr's own address (inside the RelPtr itself) makes
  /// it null too: the one address a RelPtr cannot hold.
  /// Throws: std::overflow_error when `target` is more than 32 bits of offset away; *this
  /// is then unchanged.
  void set(T* target) {
    if (target == nullptr) {
      offset_ = kNull;
      return;
    }
    // Subtracting pointers into different objects is undefined; integers are not.
    const auto distance = static_cast<std::intptr_t>(reinterpret_cast<std::uintptr_t>(target) -
                                                     reinterpret_cast<std::uintptr_t>(this));
    if (distance < std::numeric_limits<std::int32_t>::min() ||
        distance > std::numeric_limits<std::int32_t>::max()) {
      throw std::overflow_error("RelPtr: target out of 32-bit offset range");
    }
    offset_ = static_cast<std::int32_t>(distance);
  }

  /// Returns: the target, or nullptr when null. Computed from this object's own address.
  T* get() const noexcept {
    if (offset_ == kNull) return nullptr;
    return reinterpret_cast<T*>(reinterpret_cast<std::uintptr_t>(this) +
                                static_cast<std::uintptr_t>(static_cast<std::intptr_t>(offset_)));
  }

  /// Returns: true unless null.
  explicit operator bool() const noexcept { return offset_ != kNull; }
  /// Requires: not null. Returns: the target.
  T& operator*() const noexcept { return *get(); }
  /// Requires: not null. Returns: the target's address.
  T* operator->() const noexcept { return get(); }

 private:
  /// The offset that means "null": no object can start one byte into this RelPtr.
  static constexpr std::int32_t kNull = 1;

  std::int32_t offset_ = kNull;  ///< target address minus this object's address, in bytes
};

static_assert(sizeof(RelPtr<int>) == sizeof(std::int32_t), "a RelPtr is a 32-bit offset");
static_assert(std::is_trivially_copyable_v<RelPtr<int>>,
              "a RelPtr must survive a byte copy (memcpy) of the buffer it lives in");

}  // namespace mw
