// support.hpp — shared pieces of the 14-compact-graph suite: graph tags, a builder from an
// edge list, and a plain adjacency-list model to compare the learner's graph against.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory_resource>
#include <random>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "frozen_graph.hpp"

namespace graph_suite {

// Ghost types: declared, never defined, only used to tell graph types apart.
struct RoadTag;
struct PipeTag;

using Road = mw::NodeId<RoadTag>;
using Edges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// Returns: the frozen graph of `nodes` nodes with `edges` added in the given order; the
/// builder is gone when this returns.
inline mw::FrozenGraph<RoadTag> freeze(std::size_t nodes, const Edges& edges,
                                       std::pmr::memory_resource* resource) {
  mw::GraphBuilder<RoadTag> builder(nodes, resource);
  for (auto [from, to] : edges) builder.add_edge(Road(from), Road(to));
  return std::move(builder).freeze();
}

/// Returns: the indices of a span of ids, to compare with EXPECT_EQ.
inline std::vector<std::uint32_t> indices(std::span<const Road> ids) {
  // No test graph has a million edges: a longer span means end < begin wrapped around in
  // the learner's offsets. Fail the test rather than read far past the targets.
  if (ids.size() > 1'000'000) {
    ADD_FAILURE() << "a neighbour span of " << ids.size() << " ids: the offsets are broken";
    return {};
  }
  std::vector<std::uint32_t> out;
  for (Road id : ids) out.push_back(id.index());
  return out;
}

/// The obvious representation: one sorted, duplicate-free set per node.
inline std::vector<std::set<std::uint32_t>> model(std::size_t nodes, const Edges& edges) {
  std::vector<std::set<std::uint32_t>> adjacency(nodes);
  for (auto [from, to] : edges) adjacency[from].insert(to);
  return adjacency;
}

/// Returns: `count` random edges between `nodes` nodes, duplicates and self loops included.
inline Edges random_edges(std::uint32_t nodes, std::size_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::uint32_t> pick(0, nodes - 1);
  Edges edges(count);
  for (auto& [from, to] : edges) {
    from = pick(rng);
    to = pick(rng);
  }
  return edges;
}

/// The bytes a frozen graph documents: node_count + 1 offsets and one id per distinct edge.
constexpr std::size_t csr_bytes(std::size_t nodes, std::size_t distinct_edges) {
  return 4 * (nodes + 1) + 4 * distinct_edges;
}

}  // namespace graph_suite
