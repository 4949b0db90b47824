// mutable_graph.hpp — a graph you can change, stored in an arena of slots, reached through
// generational handles (Rust's slotmap / generational-arena, in C++).
//
//   slots_:  [ gen 0 | value A | edges ]  [ gen 3 | (free) ]  [ gen 1 | value C | edges ]
//                                          ^ free_head_, next_free -> ...
//   Handle<Tag>{index 1, generation 2}: slot 1 is at generation 3 now, so the handle is stale.
//
// Two ways to name a node:
//   Handle<Tag>      owned: 8 bytes, copyable, storable anywhere (in another node's edge list,
//                    in a map, across insertions and removals). Checked on every use: a
//                    handle to a removed node is *stale* and is refused, even after its slot
//                    has been reused by another node.
//   NodeRef<Tag, V>  borrowed: a view of one live node, made by borrow(). No check on use,
//                    so it is only valid until the graph is next changed (insert, remove, or
//                    its destruction) — the C++ spelling of Rust's `&'a Node`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory_resource>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace mw {

/// Thrown when a stale handle (to a removed node) is used where a live node is required.
class StaleHandle : public std::out_of_range {
 public:
  using std::out_of_range::out_of_range;
};

template <class Tag, class T>
class MutableGraph;

/// An owned, copyable name for a node of a MutableGraph tagged `Tag`: the slot's index and
/// the slot's generation when the node was inserted. Only a graph makes one; no conversion
/// from or to integers, none between tags.
template <class Tag>
class Handle {
 public:
  /// Returns: the slot index (reused after a removal).
  constexpr std::uint32_t index() const noexcept { return index_; }
  /// Returns: the slot's generation when this handle was made.
  constexpr std::uint32_t generation() const noexcept { return generation_; }

  friend constexpr bool operator==(Handle, Handle) noexcept = default;

 private:
  template <class, class>
  friend class MutableGraph;
  constexpr Handle(std::uint32_t index, std::uint32_t generation) noexcept
      : index_(index), generation_(generation) {}

  std::uint32_t index_;
  std::uint32_t generation_;
};

/// A borrowed view of one live node: its value (V is T, or const T from a const graph) and
/// its handle. Valid only until the graph is next changed; made only by MutableGraph::borrow.
template <class Tag, class V>
class NodeRef {
 public:
  /// Returns: the node's value, in the graph (not a copy).
  V& value() const noexcept { return *value_; }
  V* operator->() const noexcept { return value_; }
  /// Returns: an owned handle to the same node, to keep beyond the borrow.
  Handle<Tag> handle() const noexcept { return handle_; }

 private:
  template <class, class>
  friend class MutableGraph;
  NodeRef(V& value, Handle<Tag> handle) noexcept : value_(&value), handle_(handle) {}

  V* value_;
  Handle<Tag> handle_;
};

/// A directed graph whose nodes hold a T, with O(1) insert and remove. Nodes live in slots of
/// one vector (the arena) from `resource`; removed slots go on a free list and are reused,
/// most recently freed first, with their generation bumped so that old handles stay stale.
/// A slot whose generation would wrap around is retired (never reused) instead.
template <class Tag, class T>
class MutableGraph {
 public:
  /// Effects: an empty graph taking its memory from `resource`.
  explicit MutableGraph(std::pmr::memory_resource* resource = std::pmr::get_default_resource())
      : slots_(resource) {}
  /// Effects: takes other's nodes (handles to them stay valid, now for this graph); other
  /// is left empty and usable.
  MutableGraph(MutableGraph&& other) noexcept
      : slots_(std::move(other.slots_)),
        free_head_(std::exchange(other.free_head_, no_slot)),
        size_(std::exchange(other.size_, 0)) {}
  MutableGraph& operator=(MutableGraph&&) = delete;
  MutableGraph(const MutableGraph&) = delete;
  MutableGraph& operator=(const MutableGraph&) = delete;

  /// Effects: stores `value` in a free slot if there is one (no allocation), else in a new one.
  /// Returns: the new node's handle.
  /// Throws: std::length_error when 2^32 - 1 slots are in use; whatever moving T or growing
  /// the arena throws, and then the graph is unchanged.
  Handle<Tag> insert(T value) {
    if (free_head_ != no_slot) {
      Slot& slot = slots_[free_head_];
      slot.value.emplace(std::move(value));  // first, so a throw leaves the free list intact
      const std::uint32_t index = std::exchange(free_head_, slot.next_free);
      ++size_;
      return Handle<Tag>(index, slot.generation);
    }
    if (slots_.size() == no_slot) throw std::length_error("MutableGraph::insert: arena is full");
    slots_.emplace_back(std::move(value), slots_.get_allocator().resource());
    ++size_;
    return Handle<Tag>(static_cast<std::uint32_t>(slots_.size() - 1), 0);
  }

  /// Effects: destroys h's value and its outgoing edges, and frees its slot with a new
  /// generation. The edge list's memory stays with the slot (nothing is deallocated) for the
  /// next node there. Edges from other nodes to it stay stored but are never followed again.
  /// Returns: true if h named a live node; false (and nothing changes) if it was stale.
  bool remove(Handle<Tag> h) {
    Slot* slot = live_slot(h);
    if (slot == nullptr) return false;
    slot->value.reset();
    slot->edges.clear();
    // The new generation is what makes every existing handle to this slot stale.
    if (++slot->generation != max_generation) {
      slot->next_free = std::exchange(free_head_, h.index());
    }
    --size_;
    return true;
  }

  /// Returns: true if h names a live node of this graph.
  bool contains(Handle<Tag> h) const noexcept { return live_slot(h) != nullptr; }

  /// Returns: h's value, or nullptr when h is stale. Valid until the graph is next changed.
  T* get(Handle<Tag> h) noexcept {
    Slot* slot = live_slot(h);
    return slot ? &*slot->value : nullptr;
  }
  const T* get(Handle<Tag> h) const noexcept {
    const Slot* slot = live_slot(h);
    return slot ? &*slot->value : nullptr;
  }

  /// Returns: h's value. Throws: StaleHandle when h is stale.
  T& at(Handle<Tag> h) { return *checked_slot(h).value; }
  const T& at(Handle<Tag> h) const { return *checked_slot(h).value; }

  /// Returns: a borrowed view of h's node. Not callable on a temporary graph: the view
  /// would dangle at the end of the statement.
  /// Throws: StaleHandle when h is stale.
  NodeRef<Tag, T> borrow(Handle<Tag> h) & { return NodeRef<Tag, T>(at(h), h); }
  NodeRef<Tag, const T> borrow(Handle<Tag> h) const& { return NodeRef<Tag, const T>(at(h), h); }
  void borrow(Handle<Tag> h) && = delete;

  /// Effects: adds the directed edge from -> to (duplicates are kept, in insertion order).
  /// Throws: StaleHandle when either handle is stale; std::bad_alloc, and then nothing changed.
  void add_edge(Handle<Tag> from, Handle<Tag> to) {
    Slot& source = checked_slot(from);
    checked_slot(to);
    source.edges.push_back(to);
  }

  /// Returns: the targets of h's edges that are still live, in insertion order. An edge to a
  /// removed node is skipped, even when its slot now holds another node.
  /// Throws: StaleHandle when h is stale.
  std::vector<Handle<Tag>> neighbours(Handle<Tag> h) const {
    std::vector<Handle<Tag>> live;
    for (const Handle<Tag> target : checked_slot(h).edges)
      if (contains(target)) live.push_back(target);
    return live;
  }

  /// Returns: the number of live nodes.
  std::size_t size() const noexcept { return size_; }
  /// Returns: the number of slots in the arena, live or free.
  std::size_t slot_count() const noexcept { return slots_.size(); }

 private:
  static constexpr std::uint32_t no_slot = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t max_generation = std::numeric_limits<std::uint32_t>::max();

  struct Slot {
    Slot(T&& v, std::pmr::memory_resource* resource) : value(std::move(v)), edges(resource) {}
    // Move-only, so that the arena moves slots when it grows even when T's move may throw: a
    // copied pmr::vector would take its memory from the *default* resource, not ours.
    Slot(Slot&&) = default;
    Slot(const Slot&) = delete;
    std::optional<T> value;  // engaged exactly while the slot holds a live node
    std::uint32_t generation = 0;
    std::uint32_t next_free = no_slot;    // the free list, threaded through free slots
    std::pmr::vector<Handle<Tag>> edges;  // outgoing, may name removed nodes
  };

  // A handle is live when its slot exists, holds a value, and is still at its generation.
  const Slot* live_slot(Handle<Tag> h) const noexcept {
    if (h.index() >= slots_.size()) return nullptr;
    const Slot& slot = slots_[h.index()];
    return slot.value && slot.generation == h.generation() ? &slot : nullptr;
  }
  Slot* live_slot(Handle<Tag> h) noexcept {
    return const_cast<Slot*>(std::as_const(*this).live_slot(h));
  }
  const Slot& checked_slot(Handle<Tag> h) const {
    const Slot* slot = live_slot(h);
    if (slot == nullptr) throw StaleHandle("MutableGraph: stale handle");
    return *slot;
  }
  Slot& checked_slot(Handle<Tag> h) {
    return const_cast<Slot&>(std::as_const(*this).checked_slot(h));
  }

  std::pmr::vector<Slot> slots_;
  std::uint32_t free_head_ = no_slot;
  std::size_t size_ = 0;
};

}  // namespace mw
