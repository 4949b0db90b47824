// Hidden tests for FrozenGraph::bfs: distances, visiting order, unreachable nodes.
#include <gtest/gtest.h>

#include <deque>

#include <mwtest/counting_resource.hpp>

#include "support.hpp"

namespace {

using graph_suite::Edges;
using graph_suite::freeze;
using graph_suite::Road;
using graph_suite::RoadTag;
using Ids = std::vector<std::uint32_t>;
constexpr std::uint32_t unreachable = mw::BfsResult<RoadTag>::unreachable;

Ids indices(const std::vector<Road>& ids) {
  return graph_suite::indices(std::span<const Road>(ids));
}

// A node keeps the distance of the first path that reaches it, though later edges reach it
// again from its own level and from a long detour (kills: a distance written on every push,
// marking nodes visited when popped instead of when discovered).
TEST(Bfs, ShortestDistanceSurvivesALongerDetour) {
  mwtest::CountingResource counting;
  // 0 -> 1 -> 3 and 0 -> 2 -> 4 -> 5 -> 3: node 3 is at distance 2, not 4; and 1 -> 2 does
  // not move node 2, already queued at distance 1, to distance 2.
  auto g = freeze(6, {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 4}, {4, 5}, {5, 3}, {4, 3}}, &counting);
  auto result = g.bfs(Road(0));
  EXPECT_EQ(result.distance, (Ids{0, 1, 1, 2, 2, 3}));
  EXPECT_EQ(indices(result.order), (Ids{0, 1, 2, 3, 4, 5}));
}

// On a graph full of cycles every reachable node is visited exactly once, in the documented
// order (kills: no visited check — an endless loop the time limit stops —, nodes queued
// twice, the start node revisited through a cycle back to it).
TEST(Bfs, CyclesVisitEachNodeOnce) {
  mwtest::CountingResource counting;
  Edges edges;
  for (std::uint32_t a = 0; a < 5; ++a)
    for (std::uint32_t b = 0; b < 5; ++b) edges.emplace_back(a, b);  // complete, with loops
  auto g = freeze(5, edges, &counting);
  auto result = g.bfs(Road(2));
  EXPECT_EQ(indices(result.order), (Ids{2, 0, 1, 3, 4}));
  EXPECT_EQ(result.distance, (Ids{1, 1, 0, 1, 1}));
}

// Nodes the start cannot reach keep the `unreachable` distance and are not in the order;
// edges only go one way (kills: distances defaulting to 0, treating edges as undirected).
TEST(Bfs, UnreachableNodesAreMarkedAndSkipped) {
  mwtest::CountingResource counting;
  auto g = freeze(5, {{1, 0}, {1, 2}, {3, 1}}, &counting);
  auto result = g.bfs(Road(1));
  EXPECT_EQ(indices(result.order), (Ids{1, 0, 2}));
  EXPECT_EQ(result.distance, (Ids{1, 0, 1, unreachable, unreachable}));
  auto alone = g.bfs(Road(4));
  EXPECT_EQ(indices(alone.order), (Ids{4}));
  EXPECT_EQ(alone.distance, (Ids{unreachable, unreachable, unreachable, unreachable, 0}));
}

// On random graphs bfs() agrees with a textbook BFS over a set-based model, order included
// (kills: any visiting or distance bug the small cases miss, reading the wrong slice).
TEST(Bfs, RandomGraphsMatchAReferenceBfs) {
  for (unsigned seed = 11; seed <= 15; ++seed) {
    const std::uint32_t nodes = 300;
    Edges edges = graph_suite::random_edges(nodes, 2 * nodes, seed);
    auto model = graph_suite::model(nodes, edges);
    mwtest::CountingResource counting;
    auto g = freeze(nodes, edges, &counting);
    for (std::uint32_t start : {0u, 17u, 299u}) {
      Ids order;
      Ids distance(nodes, unreachable);
      std::deque<std::uint32_t> queue{start};
      distance[start] = 0;
      while (!queue.empty()) {
        const std::uint32_t node = queue.front();
        queue.pop_front();
        order.push_back(node);
        for (std::uint32_t next : model[node]) {
          if (distance[next] != unreachable) continue;
          distance[next] = distance[node] + 1;
          queue.push_back(next);
        }
      }
      auto result = g.bfs(Road(start));
      EXPECT_EQ(indices(result.order), order) << "seed " << seed << ", start " << start;
      EXPECT_EQ(result.distance, distance) << "seed " << seed << ", start " << start;
    }
  }
}

}  // namespace
