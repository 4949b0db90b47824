// frozen_graph.hpp — a compact, immutable graph in CSR form with phantom-typed node ids.
//
//   GraphBuilder<Tag>  collects edges (8 bytes each while building)
//        | std::move(builder).freeze()
//        v
//   FrozenGraph<Tag>   offsets: node_count + 1 x uint32   targets: edge_count x NodeId<Tag>
//
//   neighbours(n) = targets[offsets[n] .. offsets[n + 1])
//
// Memory held from the resource by a frozen graph, exactly:
//   4 * (node_count + 1) + 4 * edge_count bytes, in two blocks.
// Limits: at most max_nodes nodes and max_edges edges, so that every id and every offset
// fits in 32 bits; going past either throws std::length_error.
//
// TODO: write every function whose body is MW_TODO(). The data members are given: keep
// them. Functions that cannot fail may become noexcept (and NodeId's constexpr) once
// written — not before, since MW_TODO() throws.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory_resource>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include <mw/todo.hpp>

namespace mw {

/// The index of a node of a graph whose type is tagged `Tag` (a ghost type: never defined,
/// never stored, only there so that NodeId<RoadTag> and NodeId<PipeTag> are different types).
/// Four bytes. No implicit conversion from or to integers, none between tags.
template <class Tag>
class NodeId {
 public:
  /// Effects: names node `index`. Explicit: an integer never becomes an id by accident.
  /// constexpr: the defaulted comparisons below are, and a constexpr function's parameters
  /// must be of a literal type, which needs a constexpr constructor (clang enforces it).
  constexpr explicit NodeId(std::uint32_t index) : index_(index) {}

  /// Returns: the node's index, for indexing your own per-node arrays.
  std::uint32_t index() const { MW_TODO(); }

  friend constexpr bool operator==(NodeId, NodeId) noexcept = default;
  friend constexpr auto operator<=>(NodeId, NodeId) noexcept = default;

 private:
  std::uint32_t index_;
};

template <class Tag>
class FrozenGraph;

/// Collects directed edges between `node_count` nodes, then freezes them into a FrozenGraph.
template <class Tag>
class GraphBuilder {
 public:
  /// Most nodes a graph may have: every id, 0 .. max_nodes - 1, fits in 32 bits.
  static constexpr std::size_t max_nodes = std::numeric_limits<std::uint32_t>::max();
  /// Most edges a graph may have: the last offset, edge_count, fits in 32 bits.
  static constexpr std::size_t max_edges = std::numeric_limits<std::uint32_t>::max();

  /// Effects: a builder of a graph with nodes 0 .. node_count - 1 and no edges yet. Its
  /// memory, and the frozen graph's, comes from `resource`.
  /// Throws: std::length_error when node_count > max_nodes (before allocating anything).
  explicit GraphBuilder(std::size_t node_count,
                        std::pmr::memory_resource* resource = std::pmr::get_default_resource())
      : node_count_(0), edges_(resource) {
    static_cast<void>(node_count);
    MW_TODO();  // TODO: check node_count against max_nodes, then store it
  }

  /// Returns: the id of node `index`.
  /// Throws: std::out_of_range when index >= node_count().
  NodeId<Tag> node(std::size_t index) const { MW_TODO(); }

  /// Returns: the number of nodes.
  std::size_t node_count() const { MW_TODO(); }

  /// Returns: the number of add_edge calls so far (duplicates included).
  std::size_t edge_count() const { MW_TODO(); }

  /// Effects: makes room for `edges` edges in total, in one allocation.
  /// Throws: std::length_error when edges > max_edges (before allocating anything).
  void reserve(std::size_t edges) { MW_TODO(); }

  /// Effects: records the directed edge from -> to. Adding the same edge twice is allowed;
  /// the frozen graph keeps it once. Self loops are edges like any other.
  /// Throws: std::out_of_range when either end is not a node; std::length_error when the
  /// builder already holds max_edges edges.
  void add_edge(NodeId<Tag> from, NodeId<Tag> to) { MW_TODO(); }

  /// Effects: builds the CSR graph: each node's neighbours sorted by id, duplicates dropped.
  /// Releases the builder's edge list (the builder is left with no edges).
  /// Returns: the frozen graph, holding exactly 4 * (node_count + 1) + 4 * edge_count bytes
  /// from the builder's resource.
  FrozenGraph<Tag> freeze() && {
    // TODO: sort and deduplicate edges_; count out-degrees into offsets and turn them into
    // start offsets; fill the targets; give edges_'s memory back; make the FrozenGraph.
    MW_TODO();
  }

 private:
  struct Edge {
    std::uint32_t from;
    std::uint32_t to;
    friend auto operator<=>(const Edge&, const Edge&) = default;
  };

  std::uint32_t node_count_;
  std::pmr::vector<Edge> edges_;
};

/// What bfs() found from one start node.
template <class Tag>
struct BfsResult {
  /// distance[n]: number of edges on a shortest path from the start to node n, or
  /// `unreachable`.
  static constexpr std::uint32_t unreachable = std::numeric_limits<std::uint32_t>::max();
  /// Every reachable node exactly once, in visiting order: the start first, then by distance,
  /// nodes at one distance in the order their parents' neighbour lists name them.
  std::vector<NodeId<Tag>> order;
  std::vector<std::uint32_t> distance;
};

/// An immutable directed graph in compressed sparse row form. Move-only (a copy would be a
/// silent multi-megabyte allocation); made by GraphBuilder::freeze.
template <class Tag>
class FrozenGraph {
  static_assert(sizeof(NodeId<Tag>) == sizeof(std::uint32_t),
                "a NodeId must be 4 bytes: the byte count is 4 per edge");

 public:
  FrozenGraph(FrozenGraph&&) noexcept = default;
  FrozenGraph& operator=(FrozenGraph&&) noexcept = default;
  FrozenGraph(const FrozenGraph&) = delete;
  FrozenGraph& operator=(const FrozenGraph&) = delete;

  /// Returns: the number of nodes (0 for a moved-from graph, which has no offsets at all).
  std::size_t node_count() const { MW_TODO(); }
  /// Returns: the number of distinct edges.
  std::size_t edge_count() const { MW_TODO(); }

  /// Returns: the id of node `index`.
  /// Throws: std::out_of_range when index >= node_count().
  NodeId<Tag> node(std::size_t index) const { MW_TODO(); }

  /// Returns: the targets of n's edges, sorted by id, each once; a view into the graph,
  /// valid as long as the graph lives (and is not moved from).
  /// Throws: std::out_of_range when n is not a node of this graph.
  std::span<const NodeId<Tag>> neighbours(NodeId<Tag> n) const { MW_TODO(); }

  /// Returns: the breadth-first search from `start` (see BfsResult).
  /// Throws: std::out_of_range when start is not a node of this graph.
  BfsResult<Tag> bfs(NodeId<Tag> start) const { MW_TODO(); }

 private:
  friend class GraphBuilder<Tag>;
  FrozenGraph(std::pmr::vector<std::uint32_t> offsets, std::pmr::vector<NodeId<Tag>> targets)
      : offsets_(std::move(offsets)), targets_(std::move(targets)) {}

  std::pmr::vector<std::uint32_t> offsets_;  // node_count + 1 entries; offsets_[0] == 0
  std::pmr::vector<NodeId<Tag>> targets_;    // edge_count entries, grouped by source
};

}  // namespace mw
