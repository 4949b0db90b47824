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
//
// TODO: write every function whose body is MW_TODO(). The data members and Slot are given:
// keep them. Functions that cannot fail may become noexcept once written — not before,
// since MW_TODO() throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory_resource>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include <mw/todo.hpp>

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
  std::uint32_t index() const { MW_TODO(); }
  /// Returns: the slot's generation when this handle was made.
  std::uint32_t generation() const { MW_TODO(); }

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
  V& value() const { MW_TODO(); }
  V* operator->() const { MW_TODO(); }
  /// Returns: an owned handle to the same node, to keep beyond the borrow.
  Handle<Tag> handle() const { MW_TODO(); }

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
  MutableGraph(MutableGraph&& other) : slots_(std::move(other.slots_)) { MW_TODO(); }
  MutableGraph& operator=(MutableGraph&&) = delete;
  MutableGraph(const MutableGraph&) = delete;
  MutableGraph& operator=(const MutableGraph&) = delete;

  /// Effects: stores `value` in a free slot if there is one (no allocation), else in a new one.
  /// Returns: the new node's handle.
  /// Throws: std::length_error when 2^32 - 1 slots are in use; whatever moving T or growing
  /// the arena throws, and then the graph is unchanged.
  Handle<Tag> insert(T value) {
    // TODO: pop free_head_ if there is a free slot (only after the value is in it), else
    // append a Slot; count the node.
    MW_TODO();
  }

  /// Effects: destroys h's value and its outgoing edges, and frees its slot with a new
  /// generation. The edge list's memory stays with the slot (nothing is deallocated) for the
  /// next node there. Edges from other nodes to it stay stored but are never followed again.
  /// Returns: true if h named a live node; false (and nothing changes) if it was stale.
  bool remove(Handle<Tag> h) {
    // TODO: destroy the value and the edges (clear them: the list keeps its memory for the
    // slot's next node), bump the generation, push the slot on the free list unless its
    // generation reached max_generation.
    MW_TODO();
  }

  /// Returns: true if h names a live node of this graph.
  bool contains(Handle<Tag> h) const { MW_TODO(); }

  /// Returns: h's value, or nullptr when h is stale. Valid until the graph is next changed.
  T* get(Handle<Tag> h) { MW_TODO(); }
  const T* get(Handle<Tag> h) const { MW_TODO(); }

  /// Returns: h's value. Throws: StaleHandle when h is stale.
  T& at(Handle<Tag> h) { MW_TODO(); }
  const T& at(Handle<Tag> h) const { MW_TODO(); }

  /// Returns: a borrowed view of h's node. Not callable on a temporary graph: the view
  /// would dangle at the end of the statement.
  /// Throws: StaleHandle when h is stale.
  NodeRef<Tag, T> borrow(Handle<Tag> h) & { MW_TODO(); }
  NodeRef<Tag, const T> borrow(Handle<Tag> h) const& { MW_TODO(); }
  // TODO: a third overload that makes `std::move(graph).borrow(h)` not compile.

  /// Effects: adds the directed edge from -> to (duplicates are kept, in insertion order).
  /// Throws: StaleHandle when either handle is stale; std::bad_alloc, and then nothing changed.
  void add_edge(Handle<Tag> from, Handle<Tag> to) { MW_TODO(); }

  /// Returns: the targets of h's edges that are still live, in insertion order. An edge to a
  /// removed node is skipped, even when its slot now holds another node.
  /// Throws: StaleHandle when h is stale.
  std::vector<Handle<Tag>> neighbours(Handle<Tag> h) const { MW_TODO(); }

  /// Returns: the number of live nodes.
  std::size_t size() const { MW_TODO(); }
  /// Returns: the number of slots in the arena, live or free.
  std::size_t slot_count() const { MW_TODO(); }

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

  // TODO (suggested): one private helper that returns h's slot when h is live (the slot
  // exists, holds a value, and is at h's generation) and nullptr otherwise; everything else
  // is a few lines on top of it.

  std::pmr::vector<Slot> slots_;
  std::uint32_t free_head_ = no_slot;
  std::size_t size_ = 0;
};

}  // namespace mw
