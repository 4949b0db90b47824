// checker.hpp — mdriver's correctness pass: replay a trace and catch a broken allocator.
//
// A fast allocator that hands out overlapping blocks is not fast, it is wrong, so every
// allocator is checked before it is timed. The checker replays the trace once, slowly:
//   - every block must be aligned to `align` and must not overlap any live block;
//   - every block is filled with a pattern unique to it when it is allocated, and the whole
//     pattern is verified before the block is freed or reallocated and at the end of the
//     trace, so a write into the wrong block is caught;
//   - after a reallocate, the first min(old, new) bytes must still hold the old pattern.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "allocator.hpp"
#include "trace.hpp"

namespace mw::bench {

enum class ViolationKind {
  out_of_memory,  ///< allocate/reallocate returned nullptr
  misaligned,     ///< a block's address is not a multiple of the alignment
  overlap,        ///< a block overlaps a block that is still live
  corrupted,      ///< a block's contents changed while it was live (or a realloc lost them)
};

/// The first thing the checker found wrong.
struct Violation {
  ViolationKind kind;
  std::size_t
      op_index;  ///< index in Trace::ops of the op at which it was found (ops.size() at the end)
  std::size_t line;     ///< that op's trace line (the last op's line at the end of the trace)
  std::string message;  ///< for people: the op, the block, what is wrong
};

/// Effects: replays `trace` against `allocator`, checking every block as described above.
/// Stops at the first violation. Before returning, deallocates every block still live.
/// Returns: the first violation, or std::nullopt when the allocator behaved correctly.
/// Requires: `align` is a power of two.
std::optional<Violation> check_trace(const Trace& trace, AllocatorUnderTest& allocator,
                                     std::size_t align = alignof(std::max_align_t));

}  // namespace mw::bench
