// Hidden tests for the frozen graph's memory: the exact byte formula, where the bytes come
// from, and the 32-bit limits.
#include <gtest/gtest.h>

#include <limits>

#include <mwtest/counting_resource.hpp>
#include <mwtest/scoped_default_resource.hpp>

#include "support.hpp"

namespace {

using graph_suite::csr_bytes;
using graph_suite::Edges;
using graph_suite::freeze;
using graph_suite::Road;
using graph_suite::RoadTag;

// A frozen graph holds exactly 4 * (nodes + 1) + 4 * edges bytes in two blocks, at every size
// (kills: 64-bit offsets or ids, targets grown by push_back with capacity slack, an extra
// block, a graph that keeps the builder's edge list).
TEST(Memory, FrozenGraphHoldsExactlyTheDocumentedBytes) {
  for (std::uint32_t nodes : {1u, 7u, 100u, 1000u, 4096u}) {
    Edges edges = graph_suite::random_edges(nodes, 9 * nodes + 5, nodes);
    const std::size_t distinct = [&] {
      std::size_t count = 0;
      for (const auto& targets : graph_suite::model(nodes, edges)) count += targets.size();
      return count;
    }();
    mwtest::CountingResource counting;
    {
      auto g = freeze(nodes, edges, &counting);
      EXPECT_EQ(sizeof(Road), 4u) << "ids must be 32-bit";
      EXPECT_EQ(counting.live_bytes(), csr_bytes(nodes, distinct)) << nodes << " nodes";
      EXPECT_EQ(counting.live_blocks(), 2u) << nodes << " nodes";
    }
    EXPECT_EQ(counting.live_bytes(), 0u);
    EXPECT_TRUE(counting.errors().empty()) << counting.errors().front();
  }
}

// Duplicate edges take no bytes in the frozen graph (kills: sizing the targets from the
// number of add_edge calls, then dropping duplicates into the slack).
TEST(Memory, DuplicatesTakeNoBytes) {
  mwtest::CountingResource counting;
  Edges edges;
  for (int copy = 0; copy < 10; ++copy) edges.insert(edges.end(), {{0, 1}, {1, 2}, {2, 0}});
  auto g = freeze(3, edges, &counting);
  EXPECT_EQ(g.edge_count(), 3u);
  EXPECT_EQ(counting.live_bytes(), csr_bytes(3, 3));
}

// An empty graph of zero nodes is one offset, 4 bytes (kills: special cases that skip the
// offsets array or allocate a target block for nothing).
TEST(Memory, GraphOfNoNodesIsOneOffset) {
  mwtest::CountingResource counting;
  auto g = freeze(0, {}, &counting);
  EXPECT_EQ(g.node_count(), 0u);
  EXPECT_EQ(counting.live_bytes(), csr_bytes(0, 0));
}

// freeze() gives the builder's edge list back at once, as documented (kills: an edge list
// kept alive in the moved-from builder, 8 bytes per edge for nothing).
TEST(Memory, FreezeReleasesTheBuilderEdges) {
  mwtest::CountingResource counting;
  mw::GraphBuilder<RoadTag> builder(100, &counting);
  for (std::uint32_t n = 0; n < 100; ++n) builder.add_edge(Road(n), Road((n * 7) % 100));
  auto g = std::move(builder).freeze();
  EXPECT_EQ(counting.live_bytes(), csr_bytes(100, 100));
  EXPECT_EQ(builder.edge_count(), 0u);  // NOLINT(bugprone-use-after-move): documented state
}

// reserve() makes room for all edges in one block, and add_edge then allocates nothing
// (kills: reserve ignored, reserve that allocates per edge).
TEST(Memory, ReserveIsOneBlockForAllEdges) {
  mwtest::CountingResource counting;
  mw::GraphBuilder<RoadTag> builder(10, &counting);
  builder.reserve(1000);
  const std::size_t allocations = counting.allocations();
  EXPECT_GE(counting.live_bytes(), 1000u * 2 * sizeof(std::uint32_t));
  for (std::uint32_t i = 0; i < 1000; ++i) builder.add_edge(Road(i % 10), Road(i % 7));
  EXPECT_EQ(counting.allocations(), allocations);
  EXPECT_EQ(builder.edge_count(), 1000u);
}

// Every byte of the builder and the graph comes from the given resource, none from the
// default one, and all of it goes back with the right size (kills: plain std::vector members,
// pmr containers that forget the resource on freeze).
TEST(Memory, EverythingComesFromTheGivenResource) {
  mwtest::CountingResource given;
  mwtest::CountingResource fallback;
  {
    mwtest::ScopedDefaultResource as_default(&fallback);
    const Edges edges = graph_suite::random_edges(64, 500, 3);
    auto g = freeze(64, edges, &given);
    EXPECT_EQ(g.neighbours(Road(5)).size(), graph_suite::model(64, edges)[5].size());
    EXPECT_EQ(fallback.allocations(), 0u);
  }
  EXPECT_GT(given.allocations(), 0u);
  EXPECT_EQ(given.live_bytes(), 0u);
  EXPECT_TRUE(given.errors().empty()) << given.errors().front();
}

// More nodes than 32-bit ids can name are refused before any allocation (kills: a size_t
// count silently truncated to 32 bits).
TEST(Limits, TooManyNodesIsALengthError) {
  mwtest::CountingResource counting;
  EXPECT_EQ(mw::GraphBuilder<RoadTag>::max_nodes, std::numeric_limits<std::uint32_t>::max());
  EXPECT_THROW(mw::GraphBuilder<RoadTag>(std::size_t{1} << 32, &counting), std::length_error);
  EXPECT_THROW(mw::GraphBuilder<RoadTag>(std::size_t{1} << 40, &counting), std::length_error);
  EXPECT_EQ(counting.allocations(), 0u);
  EXPECT_EQ(mw::GraphBuilder<RoadTag>(5, &counting).node_count(), 5u);
}

// More edges than 32-bit offsets can count are refused before any allocation (kills: an
// overflow that wraps the last offset).
TEST(Limits, TooManyEdgesIsALengthError) {
  mwtest::CountingResource counting;
  mw::GraphBuilder<RoadTag> builder(5, &counting);
  EXPECT_EQ(mw::GraphBuilder<RoadTag>::max_edges, std::numeric_limits<std::uint32_t>::max());
  EXPECT_THROW(builder.reserve(std::size_t{1} << 32), std::length_error);
  EXPECT_EQ(counting.allocations(), 0u);
  builder.reserve(4);
  EXPECT_EQ(counting.allocations(), 1u);
}

}  // namespace
