// allocation_counter.hpp — counts calls to the global operator new, for the 08-cow suite.
//
// The replacements live in allocation_counter.cpp, which every test binary of this suite
// links. They forward to malloc, so AddressSanitizer and LeakSanitizer still see every block.
#pragma once

#include <cstddef>

namespace cowtest {

/// Returns: how many times any global operator new has succeeded since the program started.
std::size_t global_allocations() noexcept;

/// Counts the global allocations made between its construction and a call to count().
class AllocationCounter {
 public:
  AllocationCounter() noexcept : start_(global_allocations()) {}
  /// Returns: the allocations made since construction. Read it into a variable before an
  /// EXPECT_*: a failing assertion allocates to build its message.
  std::size_t count() const noexcept { return global_allocations() - start_; }

 private:
  std::size_t start_;
};

}  // namespace cowtest
