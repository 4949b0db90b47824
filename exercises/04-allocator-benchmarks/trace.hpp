// trace.hpp — allocation traces: what a program asked its allocator for, in order.
//
// A trace is a text file, one request per line, in one of two formats. Ours:
//
//     # comment lines start with '#'; blank lines are ignored
//     3 5          optional header, first non-comment line: <id count> <op count>
//     a 0 64       allocate block 0 with 64 bytes
//     a 1 24
//     r 0 128      reallocate block 0 to 128 bytes (contents kept up to min(64, 128))
//     f 1          free block 1
//     f 0
//
// and CS:APP malloc-lab's, as its mdriver.c reads the distributed *.rep files: four
// header lines of one number each, then the same request lines (from line 5 on):
//
//     20000        suggested heap size (mdriver does not use it; kept for the report)
//     2            id count: the ids are 0 .. id count - 1, and the largest is used
//     5            op count: exactly this many requests follow
//     1            weight (mdriver does not use it; kept for the report)
//     a 0 64
//     ...
//
// Ids name blocks; an id may be allocated again once it has been freed. Sizes
// are positive decimal numbers. With a header, every id must be below the id
// count and the trace must hold exactly the op count requests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mw::bench {

enum class OpKind : unsigned char { allocate, reallocate, free };

/// One request of a trace, resolved so that a replay needs no lookups.
struct Op {
  OpKind kind;
  std::uint32_t slot;    ///< dense index of the block's id: 0 .. Trace::slot_count - 1
  std::size_t size;      ///< new size for allocate/reallocate; 0 for free
  std::size_t old_size;  ///< size of the block before a reallocate/free; 0 for allocate
  std::size_t line;      ///< 1-based line number in the trace text
  std::uint64_t id;      ///< the id as written in the trace
};

/// The four header numbers of a CS:APP malloc-lab trace, in the order of the file.
struct LabHeader {
  std::uint64_t suggested_heap_size = 0;  ///< line 1: unused by mdriver, shown in reports
  std::uint64_t id_count = 0;             ///< line 2: the largest id plus one
  std::uint64_t op_count = 0;             ///< line 3: the number of requests
  std::uint64_t weight = 0;               ///< line 4: unused by mdriver, shown in reports
};

/// A parsed trace. Replays keep one pointer per slot.
struct Trace {
  std::string name;
  std::vector<Op> ops;
  std::size_t slot_count = 0;
  std::optional<LabHeader> lab_header;  ///< set when the trace came in malloc-lab format
};

/// Thrown for a malformed trace; what() names the line and the reason.
class TraceError : public std::runtime_error {
 public:
  TraceError(std::size_t line, const std::string& reason);
  /// The 1-based line the error is on.
  std::size_t line() const noexcept { return line_; }
  /// What is wrong, without the line (for messages of the form file:line: reason).
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::size_t line_;
  std::string reason_;
};

/// Effects: reads a whole trace from `in`.
/// Returns: the trace named `name`; ids get slots in order of first appearance.
/// Throws: TraceError (with the line number) for an unknown op letter, a missing, extra or
/// non-numeric field, a size of 0, a header mismatch (an id not below the id count, an op
/// count that is not the number of requests, a malloc-lab id count that is not the largest
/// id plus one, a malloc-lab header cut short), an `a` of a live id, or an `r`/`f` of an id
/// that is not live. The line of an error found at the end is the last line.
Trace parse_trace(std::istream& in, std::string name = {});

/// Effects: parse_trace on the file at `path`, named after its stem.
/// Throws: TraceError as parse_trace; std::runtime_error when the file cannot be opened.
Trace load_trace(const std::filesystem::path& path);

/// Effects: writes `trace` to `out` with a header: in malloc-lab format when it has a
/// lab_header (so a malloc-lab trace round-trips), else in ours.
/// Requires: every slot's id is the same in all its ops (true of any parsed or generated trace).
void write_trace(std::ostream& out, const Trace& trace);

/// Builds a Trace in memory, the way a workload generator writes one: ids are small
/// numbers chosen by the generator and serve as slots; an op's line is its 1-based position.
class TraceBuilder {
 public:
  explicit TraceBuilder(std::string name) { trace_.name = std::move(name); }

  /// Requires: `id` is not live, size > 0. Effects: appends `a id size`.
  void allocate(std::uint32_t id, std::size_t size);
  /// Requires: `id` is live, size > 0. Effects: appends `r id size`.
  void reallocate(std::uint32_t id, std::size_t size);
  /// Requires: `id` is live. Effects: appends `f id`.
  void free(std::uint32_t id);
  /// Returns: whether `id` is allocated and not yet freed.
  bool live(std::uint32_t id) const noexcept { return id < sizes_.size() && sizes_[id] != 0; }
  /// Returns: the trace built so far (the builder is left empty).
  Trace finish() &&;

 private:
  void append(OpKind kind, std::uint32_t id, std::size_t size, std::size_t old_size);

  Trace trace_;
  std::vector<std::size_t> sizes_;  ///< current size per id; 0 when not live
};

}  // namespace mw::bench
