#include "checker.hpp"

#include <mw/todo.hpp>

namespace mw::bench {

// TODO: the state of one check: one Block {pointer, size, pattern tag} per slot, and the
// live blocks as a std::map from start address to end address (for the overlap test).
// A small class with the trace, the allocator and that state keeps check_trace short; its
// destructor can deallocate whatever is still live, however the check ends.

std::optional<Violation> check_trace(const Trace& trace, AllocatorUnderTest& allocator,
                                     std::size_t align) {
  // TODO: for each op:
  //  - allocate: check the block is not null, aligned (address % align), and overlaps no
  //    live block (look at both neighbours in the map); then fill it with its pattern;
  //  - reallocate: verify the whole old pattern, reallocate, check the new block like a new
  //    allocation (the old block is no longer live), verify that its first min(old, new)
  //    bytes still hold the old pattern, then refill it with a new one;
  //  - free: verify the whole pattern, forget the block, deallocate it.
  // At the end verify every live block. Report the first problem as a Violation with the
  // op's index and line; deallocate every live block before returning.
  (void)trace;
  (void)allocator;
  (void)align;
  MW_TODO();
}

}  // namespace mw::bench
