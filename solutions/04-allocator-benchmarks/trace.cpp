#include "trace.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace mw::bench {

TraceError::TraceError(std::size_t line, const std::string& reason)
    : std::runtime_error("line " + std::to_string(line) + ": " + reason),
      line_(line),
      reason_(reason) {}

namespace {

/// The whitespace-separated fields of one line.
std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> fields;
  constexpr std::string_view blanks = " \t\r\v\f";
  std::size_t pos = text.find_first_not_of(blanks);
  while (pos != std::string_view::npos) {
    const std::size_t end = text.find_first_of(blanks, pos);
    fields.push_back(text.substr(pos, end == std::string_view::npos ? end : end - pos));
    pos = text.find_first_not_of(blanks, end == std::string_view::npos ? text.size() : end);
  }
  return fields;
}

/// The whole field as an unsigned decimal number, or nothing: "12x", "-1", "" and
/// numbers too big for 64 bits are all rejected (from_chars alone would accept "12x").
std::optional<std::uint64_t> to_number(std::string_view field) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc{} || end != field.data() + field.size()) return std::nullopt;
  return value;
}

/// Parses one trace line by line, keeping what the next line is checked against.
class Parser {
 public:
  explicit Parser(std::string name) { trace_.name = std::move(name); }

  void line(std::string_view text) {
    ++line_;
    const auto fields = split(text);
    if (fields.empty() || fields[0].front() == '#') return;
    const bool first = !seen_content_;
    seen_content_ = true;
    if (in_lab_header()) return lab_line(fields);
    if (first && to_number(fields[0])) return header(fields);
    op(fields);
  }

  Trace finish() {
    if (in_lab_header()) {
      fail("the malloc-lab header ends after " + std::to_string(lab_numbers_.size()) +
           " of its 4 lines");
    }
    if (header_ops_ && *header_ops_ != trace_.ops.size()) {
      fail("the header promises " + std::to_string(*header_ops_) + " ops, the trace has " +
           std::to_string(trace_.ops.size()));
    }
    // mdriver asserts max_index == num_ids - 1: the id count is exact in malloc-lab traces.
    const std::uint64_t id_bound = slots_.empty() ? 0 : max_id_ + 1;
    if (trace_.lab_header && trace_.lab_header->id_count != id_bound) {
      fail("the header's id count is " + std::to_string(trace_.lab_header->id_count) +
           ", the largest id is " + std::to_string(max_id_));
    }
    trace_.slot_count = slots_.size();
    return std::move(trace_);
  }

 private:
  /// A malloc-lab trace opens with four lines of one number: heap size, ids, ops, weight.
  static constexpr std::size_t lab_header_lines = 4;

  [[noreturn]] void fail(const std::string& reason) const { throw TraceError(line_, reason); }

  /// Returns: whether a malloc-lab header has begun and still lacks lines.
  bool in_lab_header() const noexcept {
    return !lab_numbers_.empty() && lab_numbers_.size() < lab_header_lines;
  }

  std::uint64_t number(std::string_view field, const char* what) const {
    const auto value = to_number(field);
    if (!value) fail(std::string(what) + " '" + std::string(field) + "' is not a number");
    return *value;
  }

  void header(const std::vector<std::string_view>& fields) {
    if (fields.size() == 1) return lab_line(fields);
    if (fields.size() != 2) {
      fail("a header is <id count> <op count>, or malloc-lab's four lines of one number");
    }
    header_ids_ = number(fields[0], "id count");
    header_ops_ = number(fields[1], "op count");
  }

  /// One of the four lines of a malloc-lab header; the fourth completes it.
  void lab_line(const std::vector<std::string_view>& fields) {
    static constexpr const char* names[lab_header_lines] = {"suggested heap size", "id count",
                                                            "op count", "weight"};
    const char* name = names[lab_numbers_.size()];
    if (fields.size() != 1) {
      fail(std::string("malloc-lab header line ") + std::to_string(lab_numbers_.size() + 1) +
           " is one number, the " + name);
    }
    lab_numbers_.push_back(number(fields[0], name));
    if (lab_numbers_.size() < lab_header_lines) return;
    trace_.lab_header = LabHeader{.suggested_heap_size = lab_numbers_[0],
                                  .id_count = lab_numbers_[1],
                                  .op_count = lab_numbers_[2],
                                  .weight = lab_numbers_[3]};
    header_ids_ = trace_.lab_header->id_count;
    header_ops_ = trace_.lab_header->op_count;
  }

  void op(const std::vector<std::string_view>& fields) {
    if (fields[0].size() != 1 ||
        std::string_view("arf").find(fields[0][0]) == std::string_view::npos) {
      fail("unknown op '" + std::string(fields[0]) + "' (expected a, r or f)");
    }
    const char letter = fields[0][0];
    const std::size_t expected = letter == 'f' ? 2 : 3;
    if (fields.size() != expected) {
      fail(std::string("'") + letter + "' takes " + std::to_string(expected - 1) + " field(s)");
    }
    const std::uint64_t id = number(fields[1], "id");
    if (header_ids_ && id >= *header_ids_) {
      fail("id " + std::to_string(id) + " is not below the header's id count");
    }
    std::size_t size = 0;
    if (letter != 'f') {
      size = number(fields[2], "size");
      if (size == 0) fail("size must be positive");
    }

    max_id_ = std::max(max_id_, id);
    const auto [it, is_new] = slots_.try_emplace(id, static_cast<std::uint32_t>(slots_.size()));
    if (is_new) live_sizes_.push_back(0);
    std::size_t& live_size = live_sizes_[it->second];
    if (letter == 'a' && live_size != 0) fail("id " + std::to_string(id) + " is already live");
    if (letter != 'a' && live_size == 0) fail("id " + std::to_string(id) + " is not live");

    const OpKind kind = letter == 'a'   ? OpKind::allocate
                        : letter == 'r' ? OpKind::reallocate
                                        : OpKind::free;
    trace_.ops.push_back(Op{kind, it->second, size, live_size, line_, id});
    live_size = size;  // 0 after a free: the id may be allocated again
  }

  Trace trace_;
  std::size_t line_ = 0;
  bool seen_content_ = false;
  std::optional<std::uint64_t> header_ids_;
  std::optional<std::uint64_t> header_ops_;
  std::vector<std::uint64_t> lab_numbers_;  ///< the malloc-lab header lines read so far
  std::uint64_t max_id_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> slots_;
  std::vector<std::size_t> live_sizes_;  ///< per slot; 0 when the id is not live
};

}  // namespace

Trace parse_trace(std::istream& in, std::string name) {
  Parser parser(std::move(name));
  std::string text;
  while (std::getline(in, text)) parser.line(text);
  return parser.finish();
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
