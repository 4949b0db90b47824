// Hidden tests for the frozen CSR graph: neighbour lists, grouping, duplicates, bounds.
#include <gtest/gtest.h>

#include <mwtest/counting_resource.hpp>

#include "support.hpp"

namespace {

using graph_suite::Edges;
using graph_suite::freeze;
using graph_suite::indices;
using graph_suite::Road;
using Ids = std::vector<std::uint32_t>;

// Every node's neighbours, the last node's included, come from the right slice of the
// targets (kills: offsets off by one, a missing final offset, node_count() off by one).
TEST(FrozenGraph, NeighboursOfEveryNodeIncludingTheLast) {
  mwtest::CountingResource counting;
  auto g = freeze(4, {{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 0}, {3, 1}, {3, 2}}, &counting);
  EXPECT_EQ(g.node_count(), 4u);
  EXPECT_EQ(g.edge_count(), 7u);
  EXPECT_EQ(indices(g.neighbours(Road(0))), (Ids{1, 2}));
  EXPECT_EQ(indices(g.neighbours(Road(1))), (Ids{2}));
  EXPECT_EQ(indices(g.neighbours(Road(2))), (Ids{3}));
  EXPECT_EQ(indices(g.neighbours(Road(3))), (Ids{0, 1, 2}));
}

// Edges added in any order end up grouped under their source (kills: freeze not sorting the
// edge list, so a node's slice holds other nodes' edges).
TEST(FrozenGraph, EdgesAddedOutOfOrderAreGroupedBySource) {
  mwtest::CountingResource counting;
  auto g = freeze(5, {{4, 0}, {1, 3}, {4, 2}, {0, 4}, {1, 0}, {3, 3}, {0, 1}}, &counting);
  EXPECT_EQ(indices(g.neighbours(Road(0))), (Ids{1, 4}));
  EXPECT_EQ(indices(g.neighbours(Road(1))), (Ids{0, 3}));
  EXPECT_EQ(indices(g.neighbours(Road(2))), (Ids{}));
  EXPECT_EQ(indices(g.neighbours(Road(3))), (Ids{3}));
  EXPECT_EQ(indices(g.neighbours(Road(4))), (Ids{0, 2}));
}

// Each neighbour list is sorted by id and names each target once, as documented (kills:
// duplicates kept, neighbours left in insertion order, a stable sort by source only).
TEST(FrozenGraph, NeighboursAreSortedAndDuplicatesDropped) {
  mwtest::CountingResource counting;
  auto g = freeze(3, {{0, 2}, {0, 1}, {0, 2}, {0, 0}, {0, 1}, {2, 1}, {2, 1}}, &counting);
  EXPECT_EQ(indices(g.neighbours(Road(0))), (Ids{0, 1, 2}));
  EXPECT_EQ(indices(g.neighbours(Road(2))), (Ids{1}));
  EXPECT_EQ(g.edge_count(), 4u);
}

// Nodes without edges (first, middle, last, runs of them) have empty spans (kills: prefix
// sums that skip empty nodes, offsets written only for nodes that have edges).
TEST(FrozenGraph, NodesWithoutEdgesHaveEmptySpans) {
  mwtest::CountingResource counting;
  auto g = freeze(8, {{2, 7}, {3, 2}, {6, 1}}, &counting);
  for (std::uint32_t n : {0u, 1u, 4u, 5u, 7u}) EXPECT_TRUE(g.neighbours(Road(n)).empty()) << n;
  EXPECT_EQ(indices(g.neighbours(Road(2))), (Ids{7}));
  EXPECT_EQ(indices(g.neighbours(Road(3))), (Ids{2}));
  EXPECT_EQ(indices(g.neighbours(Road(6))), (Ids{1}));
}

// A graph with no edges at all still has every node (kills: sizing offsets from the edges).
TEST(FrozenGraph, GraphWithoutEdges) {
  mwtest::CountingResource counting;
  auto g = freeze(3, {}, &counting);
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.edge_count(), 0u);
  for (std::uint32_t n = 0; n < 3; ++n) EXPECT_TRUE(g.neighbours(Road(n)).empty());
}

// neighbours() is a view into the graph's own memory, the same on every call (kills:
// returning a span over a temporary copy, or copying the targets per call).
TEST(FrozenGraph, NeighboursAreAViewIntoTheGraph) {
  mwtest::CountingResource counting;
  auto g = freeze(3, {{1, 0}, {1, 2}}, &counting);
  const std::size_t allocations = counting.allocations();
  std::span<const Road> a = g.neighbours(Road(1));
  std::span<const Road> b = g.neighbours(Road(1));
  EXPECT_EQ(a.data(), b.data());
  EXPECT_TRUE(counting.contains(a.data(), a.size_bytes()));
  EXPECT_EQ(counting.allocations(), allocations);
}

// The builder and the graph refuse ids past the last node (kills: unchecked indices that read
// or write past the offsets, a `<=` bound).
TEST(FrozenGraph, IdsPastTheLastNodeAreRefused) {
  mwtest::CountingResource counting;
  mw::GraphBuilder<graph_suite::RoadTag> builder(3, &counting);
  EXPECT_EQ(builder.node(2), Road(2));
  EXPECT_THROW(builder.node(3), std::out_of_range);
  EXPECT_THROW(builder.add_edge(Road(0), Road(3)), std::out_of_range);
  EXPECT_THROW(builder.add_edge(Road(3), Road(0)), std::out_of_range);
  builder.add_edge(Road(2), Road(0));
  auto g = std::move(builder).freeze();
  EXPECT_EQ(g.node(2), Road(2));
  EXPECT_THROW(g.node(3), std::out_of_range);
  EXPECT_THROW(g.neighbours(Road(3)), std::out_of_range);
  EXPECT_THROW(g.bfs(Road(3)), std::out_of_range);
  EXPECT_EQ(indices(g.neighbours(Road(2))), (Ids{0}));
}

// Random graphs: every neighbour list equals a set-based model (kills: any grouping, ordering
// or offset bug the small cases miss).
TEST(FrozenGraph, RandomGraphsMatchAnAdjacencyModel) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const std::uint32_t nodes = 50 * seed;
    Edges edges = graph_suite::random_edges(nodes, 6 * nodes, seed);
    mwtest::CountingResource counting;
    auto g = freeze(nodes, edges, &counting);
    auto expected = graph_suite::model(nodes, edges);
    std::size_t distinct = 0;
    for (std::uint32_t n = 0; n < nodes; ++n) {
      EXPECT_EQ(indices(g.neighbours(Road(n))), Ids(expected[n].begin(), expected[n].end()))
          << "node " << n << ", seed " << seed;
      distinct += expected[n].size();
    }
    EXPECT_EQ(g.edge_count(), distinct);
  }
}

}  // namespace
