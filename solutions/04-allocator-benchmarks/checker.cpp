#include "checker.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <sstream>
#include <vector>

namespace mw::bench {
namespace {

/// Byte `offset` of the pattern with tag `tag`. It depends on the offset (a check of the
/// first byte alone misses a write in the middle) and on the tag (a block copied into
/// another one does not look right).
unsigned char pattern(std::size_t tag, std::size_t offset) {
  return static_cast<unsigned char>(tag * 167 + offset * 31 + 0x5A);
}

class Checker {
 public:
  Checker(const Trace& trace, AllocatorUnderTest& allocator, std::size_t align)
      : trace_(trace), allocator_(allocator), align_(align), blocks_(trace.slot_count) {}

  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  /// Frees whatever is still live, even after a violation.
  ~Checker() {
    for (const Block& block : blocks_) {
      if (block.data != nullptr) allocator_.deallocate(block.data, block.size, align_);
    }
  }

  std::optional<Violation> run() {
    for (index_ = 0; index_ < trace_.ops.size(); ++index_) {
      if (auto violation = step(trace_.ops[index_])) return violation;
    }
    for (const Block& block : blocks_) {
      if (block.data != nullptr && !intact(block, block.size)) {
        return violation(ViolationKind::corrupted, "a live block changed before the end", block);
      }
    }
    return std::nullopt;
  }

 private:
  struct Block {
    unsigned char* data = nullptr;
    std::size_t size = 0;
    std::size_t tag = 0;
  };

  std::optional<Violation> step(const Op& op) {
    Block& block = blocks_[op.slot];
    switch (op.kind) {
      case OpKind::allocate:
        return place(block, allocator_.allocate(op.size, align_), op.size, 0);
      case OpKind::reallocate: {
        if (!intact(block, block.size)) {
          return violation(ViolationKind::corrupted, "changed before its reallocate", block);
        }
        void* moved = allocator_.reallocate(block.data, block.size, op.size, align_);
        if (moved == nullptr)
          return violation(ViolationKind::out_of_memory, "reallocate failed", block);
        ranges_.erase(address(block.data));
        const Block old = block;
        block.data = nullptr;  // released by the reallocate
        return place(block, moved, op.size, std::min(old.size, op.size), old.tag);
      }
      case OpKind::free:
        if (!intact(block, block.size)) {
          return violation(ViolationKind::corrupted, "changed before its free", block);
        }
        ranges_.erase(address(block.data));
        allocator_.deallocate(block.data, block.size, align_);
        block = Block{};
        return std::nullopt;
    }
    return std::nullopt;
  }

  /// Checks a block the allocator just returned and takes it over: alignment, overlap, the
  /// first `kept` bytes still holding pattern `old_tag`; then fills it with a fresh pattern.
  std::optional<Violation> place(Block& block, void* memory, std::size_t size, std::size_t kept,
                                 std::size_t old_tag = 0) {
    if (memory == nullptr) return violation(ViolationKind::out_of_memory, "allocate failed", block);
    block = Block{static_cast<unsigned char*>(memory), size, old_tag};
    if (address(memory) % align_ != 0) {
      return violation(ViolationKind::misaligned, "is not aligned to " + std::to_string(align_),
                       block);
    }
    if (overlaps(address(memory), address(memory) + size)) {
      return violation(ViolationKind::overlap, "overlaps a live block", block);
    }
    ranges_.emplace(address(memory), address(memory) + size);
    if (!intact(block, kept)) {
      return violation(ViolationKind::corrupted, "lost its contents in the reallocate", block);
    }
    block.tag = index_ + 1;  // tag 0 is never a live block's: a fresh block starts at 1
    for (std::size_t i = 0; i < size; ++i) block.data[i] = pattern(block.tag, i);
    return std::nullopt;
  }

  /// Whether [begin, end) meets a live range: the nearest one starting at or after `begin`,
  /// or the nearest one starting before it. Checking only the last block placed is not enough.
  bool overlaps(std::uintptr_t begin, std::uintptr_t end) const {
    const auto next = ranges_.lower_bound(begin);
    if (next != ranges_.end() && next->first < end) return true;
    return next != ranges_.begin() && std::prev(next)->second > begin;
  }

  /// Whether the first `length` bytes of `block` hold its pattern, every one of them.
  static bool intact(const Block& block, std::size_t length) {
    for (std::size_t i = 0; i < length; ++i) {
      if (block.data[i] != pattern(block.tag, i)) return false;
    }
    return true;
  }

  static std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

  Violation violation(ViolationKind kind, const std::string& what, const Block& block) const {
    const bool at_end = index_ == trace_.ops.size();
    const Op& op = trace_.ops[at_end ? index_ - 1 : index_];
    std::ostringstream message;
    message << trace_.name << " line " << op.line << (at_end ? " (end of trace)" : "") << ": block "
            << static_cast<const void*>(block.data) << " (" << block.size << " bytes) " << what;
    return Violation{kind, index_, op.line, message.str()};
  }

  const Trace& trace_;
  AllocatorUnderTest& allocator_;
  std::size_t align_;
  std::vector<Block> blocks_;                        ///< one per slot
  std::map<std::uintptr_t, std::uintptr_t> ranges_;  ///< live blocks: begin -> end
  std::size_t index_ = 0;                            ///< the op being replayed
};

}  // namespace

std::optional<Violation> check_trace(const Trace& trace, AllocatorUnderTest& allocator,
                                     std::size_t align) {
  Checker checker(trace, allocator, align);
  return checker.run();
}

}  // namespace mw::bench
