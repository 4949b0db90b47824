#include "trace.hpp"

#include <fstream>
#include <ostream>

#include <mw/todo.hpp>

namespace mw::bench {

TraceError::TraceError(std::size_t line, const std::string& reason)
    : std::runtime_error("line " + std::to_string(line) + ": " + reason),
      line_(line),
      reason_(reason) {}

Trace parse_trace(std::istream& in, std::string name) {
  // TODO: read `in` line by line (std::getline), counting lines from 1.
  //  - skip blank lines and lines whose first field starts with '#';
  //  - the first other line may be a header: ours, "<id count> <op count>" on one line, or
  //    malloc-lab's, four lines of one number each (suggested heap size, id count, op count,
  //    weight; keep them in Trace::lab_header). Check every id against the id count as you
  //    go, and the op count at the end; in malloc-lab format the largest id must be exactly
  //    id count - 1 (CS:APP's mdriver.c asserts it);
  //  - "a id size", "r id size", "f id": exactly these fields, numbers parsed whole
  //    (std::from_chars and check it consumed the field), sizes > 0;
  //  - keep each id's live size to reject `a` of a live id and `r`/`f` of a dead one, to
  //    fill Op::old_size, and give each new id the next slot;
  //  - throw TraceError(line, reason) for anything else.
  (void)in;
  (void)name;
  MW_TODO();
}

Trace load_trace(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open trace " + path.string());
  return parse_trace(in, path.stem().string());
}

void write_trace(std::ostream& out, const Trace& trace) {
  if (const auto& lab = trace.lab_header) {
    // malloc-lab has no comments: the file starts with its four numbers.
    out << lab->suggested_heap_size << '\n'
        << lab->id_count << '\n'
        << lab->op_count << '\n'
        << lab->weight << '\n';
  } else {
    out << "# " << trace.name << "\n" << trace.slot_count << ' ' << trace.ops.size() << '\n';
  }
  for (const Op& op : trace.ops) {
    switch (op.kind) {
      case OpKind::allocate:
        out << "a " << op.id << ' ' << op.size << '\n';
        break;
      case OpKind::reallocate:
        out << "r " << op.id << ' ' << op.size << '\n';
        break;
      case OpKind::free:
        out << "f " << op.id << '\n';
        break;
    }
  }
}

void TraceBuilder::allocate(std::uint32_t id, std::size_t size) {
  if (live(id) || size == 0)
    throw std::invalid_argument("TraceBuilder::allocate: id live or size 0");
  if (id >= sizes_.size()) sizes_.resize(id + 1, 0);
  append(OpKind::allocate, id, size, 0);
}

void TraceBuilder::reallocate(std::uint32_t id, std::size_t size) {
  if (!live(id) || size == 0)
    throw std::invalid_argument("TraceBuilder::reallocate: id dead or size 0");
  append(OpKind::reallocate, id, size, sizes_[id]);
}

void TraceBuilder::free(std::uint32_t id) {
  if (!live(id)) throw std::invalid_argument("TraceBuilder::free: id not live");
  append(OpKind::free, id, 0, sizes_[id]);
}

void TraceBuilder::append(OpKind kind, std::uint32_t id, std::size_t size, std::size_t old_size) {
  trace_.ops.push_back(Op{kind, id, size, old_size, trace_.ops.size() + 1, id});
  sizes_[id] = size;
  trace_.slot_count = sizes_.size();
}

Trace TraceBuilder::finish() && {
  sizes_.clear();
  return std::move(trace_);
}

}  // namespace mw::bench
