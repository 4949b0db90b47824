// layout.hpp — Rust's std::alloc::Layout in C++: a (size, alignment) pair
// that is valid by construction, and the arithmetic to combine them.
//
// The invariant every Layout keeps (Rust's rule, with isize::MAX spelled
// PTRDIFF_MAX): the alignment is a power of two, and the size rounded up to
// the alignment is at most Layout::max_size. Any block that satisfies it can
// be indexed with std::ptrdiff_t and padded to its alignment without
// overflow, which is why pad_to_align() and padding_needed_for() cannot fail.
//
// Fallible operations come in two forms, as in foonathan/memory: the plain
// factory functions return std::optional and never throw; the constructor
// throws mw::layout_error.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <type_traits>

namespace mw {

/// Thrown by Layout's constructor when from_size_align would return nullopt.
/// The analogue of Rust's `LayoutError`.
class layout_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Returns: true when `value` has exactly one bit set (1, 2, 4, ...).
/// Zero is not a power of two.
/// Throws: nothing.
inline bool is_power_of_two(std::size_t value) {
  // value - 1 clears the lowest set bit and sets the ones below it, so the
  // AND is zero only for single-bit values — and for 0, hence the first test.
  return value != 0 && (value & (value - 1)) == 0;
}

/// Returns: the smallest multiple of `align` that is >= `value`; nullopt when
/// `align` is not a power of two or that multiple does not fit in size_t.
/// Throws: nothing.
inline std::optional<std::size_t> align_up(std::size_t value, std::size_t align) {
  if (!is_power_of_two(align)) return std::nullopt;
  const std::size_t mask = align - 1;
  // value + mask is the only step that can wrap; check it before doing it.
  if (value > SIZE_MAX - mask) return std::nullopt;
  return (value + mask) & ~mask;
}

/// Returns: the lowest address >= `ptr` that is a multiple of `align`, as
/// the same pointer type; nullptr when `align` is not a power of two or that
/// address would wrap past the top of the address space.
/// Throws: nothing.
/// Note: unlike std::align, it neither checks nor changes a buffer size.
/// (A template so that `align_up(0, 8)` is not ambiguous with the size form.)
template <class T>
T* align_up(T* ptr, std::size_t align) {
  static_assert(std::is_object_v<T> || std::is_void_v<T>,
                "align_up(ptr, align) rounds object pointers, not function pointers");
  // Round the integer, not the pointer: pointer arithmetic outside an object
  // is undefined behaviour, integer arithmetic on uintptr_t is not.
  const auto address = reinterpret_cast<std::uintptr_t>(ptr);
  const std::optional<std::size_t> aligned = align_up(address, align);
  if (!aligned) return nullptr;
  return reinterpret_cast<T*>(*aligned);
}

/// A valid (size, alignment) pair: the memory an object or block needs.
class Layout {
 public:
  /// The largest size a Layout may have once rounded up to its alignment
  /// (Rust: isize::MAX), so that pointer differences inside a block fit in
  /// std::ptrdiff_t.
  static constexpr std::size_t max_size = PTRDIFF_MAX;

  /// What extend() returns: the combined layout and where the new field starts.
  struct Extended;

  /// Returns: Layout{size, align}, or nullopt unless `align` is a power of two
  /// and `size` rounded up to `align` is at most max_size.
  /// Throws: nothing.
  static std::optional<Layout> from_size_align(std::size_t size, std::size_t align) {
    if (!is_power_of_two(align)) return std::nullopt;
    // size rounded up is at most size + align - 1, and align - 1 <= max_size
    // because align <= 2^63, so this subtraction cannot wrap.
    if (size > max_size - (align - 1)) return std::nullopt;
    return Layout(size, align, Unchecked{});
  }

  /// Effects: constructs the layout from_size_align(size, align) returns.
  /// Throws: layout_error when from_size_align would return nullopt.
  Layout(std::size_t size, std::size_t align) : Layout(checked(size, align)) {}

  /// Returns: the layout of one T: sizeof(T) and alignof(T).
  /// Throws: nothing.
  template <class T>
  static Layout of() {
    static_assert(std::is_object_v<T>,
                  "Layout::of<T>() needs an object type (not void, a function or a reference)");
    return Layout(sizeof(T), alignof(T), Unchecked{});
  }

  /// Returns: the layout of T[n] (n * sizeof(T) bytes, aligned as T), or
  /// nullopt when n * sizeof(T) overflows size_t or breaks the size limit.
  /// Throws: nothing.
  template <class T>
  static std::optional<Layout> array(std::size_t n) {
    static_assert(std::is_object_v<T>,
                  "Layout::array<T>(n) needs an object type (not void, a function or a reference)");
    // Check the product by division instead of computing it: a wrapped
    // product looks like a perfectly good small size.
    if (n != 0 && sizeof(T) > SIZE_MAX / n) return std::nullopt;
    return from_size_align(n * sizeof(T), alignof(T));
  }

  /// Returns: the size in bytes.
  std::size_t size() const noexcept { return size_; }
  /// Returns: the alignment in bytes, a power of two.
  std::size_t align() const noexcept { return align_; }

  /// Returns: how many bytes must follow size() so that the next byte is a
  /// multiple of `align`.
  /// Requires: `align` is a power of two.
  /// Throws: nothing. It cannot overflow: size() <= max_size and align <= 2^63,
  /// so rounding up stays below SIZE_MAX.
  std::size_t padding_needed_for(std::size_t align) const {
    assert(is_power_of_two(align) && "padding_needed_for: align must be a power of two");
    return *align_up(size_, align) - size_;
  }

  /// Returns: this layout with its size rounded up to its alignment — the
  /// sizeof of a struct whose fields this layout describes, and the stride of
  /// an array of it.
  /// Throws: nothing. It cannot fail: the class invariant says the rounded
  /// size fits.
  Layout pad_to_align() const {
    return Layout(size_ + padding_needed_for(align_), align_, Unchecked{});
  }

  /// Returns: the layout of a struct holding this layout's bytes followed by
  /// a field laid out as `next`, and the offset of that field; nullopt when
  /// the result breaks the size limit. The field's offset is padded to
  /// next.align(); the end is NOT padded (call pad_to_align() once the last
  /// field is in); the alignment is the larger of the two.
  /// Throws: nothing.
  std::optional<Extended> extend(Layout next) const;

  friend bool operator==(const Layout&, const Layout&) = default;

  /// Effects: prints `Layout{size=S, align=A}` (GoogleTest uses it).
  friend std::ostream& operator<<(std::ostream& out, const Layout& layout) {
    return out << "Layout{size=" << layout.size_ << ", align=" << layout.align_ << '}';
  }

 private:
  struct Unchecked {};

  // Requires: (size, align) meets the class invariant.
  Layout(std::size_t size, std::size_t align, Unchecked) noexcept : size_(size), align_(align) {}

  static Layout checked(std::size_t size, std::size_t align) {
    if (std::optional<Layout> layout = from_size_align(size, align)) return *layout;
    throw layout_error(
        "invalid Layout: alignment must be a power of two and the size, rounded up "
        "to it, at most PTRDIFF_MAX");
  }

  std::size_t size_;
  std::size_t align_;
};

struct Layout::Extended {
  Layout layout;       ///< the combined layout, end not padded
  std::size_t offset;  ///< where `next` starts, a multiple of next.align()
};

inline std::optional<Layout::Extended> Layout::extend(Layout next) const {
  // The padded offset is at most 2^63 and next.size() at most max_size, so
  // neither step wraps; from_size_align rejects a sum past the limit.
  const std::size_t offset = size_ + padding_needed_for(next.align());
  std::optional<Layout> combined =
      from_size_align(offset + next.size(), std::max(align_, next.align()));
  if (!combined) return std::nullopt;
  return Extended{*combined, offset};
}

}  // namespace mw
