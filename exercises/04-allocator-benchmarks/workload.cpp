#include "workload.hpp"

#include <mw/todo.hpp>

namespace mw::bench {

// TODO: say here which use case this trace models (a web server's requests, a compiler's
// AST, a game's frame, a database's query, ...) and why its pattern matters to an allocator.
Trace make_workload(std::uint64_t seed) {
  // TODO: build at least 1000 ops with TraceBuilder, drawing sizes and choices from a
  // std::mt19937_64 seeded with `seed` so the same seed gives the same trace.
  (void)seed;
  MW_TODO();
}

}  // namespace mw::bench
