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
// Null is stored as offset 1 (as in offset_ptr): part of the byte format.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include <mw/todo.hpp>

// Stub note: set() may throw; get() and operator bool are noexcept in the solution. They are
// not marked so here because MW_TODO() throws: add noexcept as you write them.

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
  void set(T* target) { MW_TODO(); }

  /// Returns: the target, or nullptr when null. Computed from this object's own address.
  T* get() const { MW_TODO(); }

  /// Returns: true unless null.
  explicit operator bool() const { MW_TODO(); }
  /// Requires: not null. Returns: the target.
  T& operator*() const { return *get(); }
  /// Requires: not null. Returns: the target's address.
  T* operator->() const { return get(); }

 private:
  // TODO: pick the offset that means "null" and start offset_ with it (a default RelPtr is
  // null). Not 0: a RelPtr that is the first member of the object it points to has offset
  // 0, and it is not null. Which offset can no real target ever have?
  std::int32_t offset_ = 0;  ///< target address minus this object's address, in bytes
};

static_assert(sizeof(RelPtr<int>) == sizeof(std::int32_t), "a RelPtr is a 32-bit offset");
static_assert(std::is_trivially_copyable_v<RelPtr<int>>,
              "a RelPtr must survive a byte copy (memcpy) of the buffer it lives in");

}  // namespace mw
