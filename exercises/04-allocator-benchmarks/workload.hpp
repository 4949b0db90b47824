// workload.hpp — your own trace: the allocation pattern of one use case you care about.
#pragma once

#include <cstdint>

#include "trace.hpp"

namespace mw::bench {

/// Returns: a trace of at least 1000 ops modelling one specific use case (say which in a
/// comment on the definition), built with TraceBuilder, the same for the same `seed`.
Trace make_workload(std::uint64_t seed);

}  // namespace mw::bench
