// Hidden tests for the phantom-typed node ids: what must compile and what must not.
//
// The "must not compile" checks are concepts (requires-expressions with the types as
// template parameters, so that an invalid expression makes them false rather than the file
// ill-formed), evaluated inside tests: a learner whose types are wrong still gets a suite that
// builds, with these tests failing by name.
#include <gtest/gtest.h>

#include <concepts>
#include <type_traits>

#include <mwtest/counting_resource.hpp>

#include "support.hpp"

namespace {

using graph_suite::freeze;
using graph_suite::PipeTag;
using graph_suite::Road;
using graph_suite::RoadTag;
using Pipe = mw::NodeId<PipeTag>;

// Can `id` name a node of graph `G` (neighbours, bfs) or of builder `B` (add_edge)?
template <class G, class Id>
concept IndexesNeighbours = requires(const G& g, Id id) {
  g.neighbours(id);
};
template <class G, class Id>
concept StartsBfs = requires(const G& g, Id id) {
  g.bfs(id);
};
template <class G, class Id>
concept GraphAccepts = IndexesNeighbours<G, Id> || StartsBfs<G, Id>;
template <class B, class From, class To>
concept BuilderAccepts = requires(B& b, From from, To to) {
  b.add_edge(from, to);
};

// An id of one graph type can index neither another graph type nor its builder, while its
// own type can (kills: `template <class Tag> using NodeId = std::uint32_t`, whose Tag is
// ignored, and converting constructors between tags).
TEST(PhantomTypes, IdsOfOneGraphTypeDoNotIndexAnother) {
  EXPECT_TRUE((GraphAccepts<mw::FrozenGraph<RoadTag>, Road>));
  EXPECT_TRUE((BuilderAccepts<mw::GraphBuilder<RoadTag>, Road, Road>));
  EXPECT_FALSE((GraphAccepts<mw::FrozenGraph<RoadTag>, Pipe>));
  EXPECT_FALSE((GraphAccepts<mw::FrozenGraph<PipeTag>, Road>));
  EXPECT_FALSE((BuilderAccepts<mw::GraphBuilder<RoadTag>, Pipe, Pipe>));
  EXPECT_FALSE((BuilderAccepts<mw::GraphBuilder<RoadTag>, Road, Pipe>));
  EXPECT_FALSE((std::is_convertible_v<Pipe, Road>));
  EXPECT_FALSE((std::is_constructible_v<Road, Pipe>));
  EXPECT_FALSE((std::equality_comparable_with<Road, Pipe>));

  mwtest::CountingResource counting;
  auto roads = freeze(2, {{0, 1}}, &counting);
  EXPECT_EQ(roads.neighbours(Road(0)).front(), Road(1));
}

// Integers and ids do not convert implicitly either way; an id is made explicitly and gives
// its index back (kills: a non-explicit constructor, an `operator std::uint32_t()`).
TEST(PhantomTypes, NoImplicitConversionFromOrToIntegers) {
  EXPECT_FALSE((GraphAccepts<mw::FrozenGraph<RoadTag>, std::uint32_t>));
  EXPECT_FALSE((GraphAccepts<mw::FrozenGraph<RoadTag>, int>));
  EXPECT_FALSE((BuilderAccepts<mw::GraphBuilder<RoadTag>, std::uint32_t, std::uint32_t>));
  EXPECT_FALSE((std::is_convertible_v<std::uint32_t, Road>));
  EXPECT_FALSE((std::is_convertible_v<Road, std::uint32_t>));
  EXPECT_FALSE((std::is_convertible_v<Road, std::size_t>));
  EXPECT_FALSE((std::is_convertible_v<Road, bool>));
  EXPECT_TRUE((std::is_constructible_v<Road, std::uint32_t>));

  const Road id(41);
  EXPECT_EQ(id.index(), 41u);
}

// An id is four bytes, trivially copyable, and compares by index within its own type
// (kills: 64-bit ids, ids that carry a pointer to their graph, missing comparisons).
TEST(PhantomTypes, IdsAreFourTrivialBytesThatCompare) {
  EXPECT_EQ(sizeof(Road), 4u);
  EXPECT_TRUE(std::is_trivially_copyable_v<Road>);
  EXPECT_TRUE(Road(3) == Road(3));
  EXPECT_TRUE(Road(3) != Road(4));
  EXPECT_TRUE(Road(3) < Road(4));
  EXPECT_EQ(Road(7).index(), 7u);
}

// The builder makes ids of its own graph type, and the frozen graph hands out ids its own
// neighbours() accepts, so ids chain without casts (kills: neighbours() returning raw
// integers the caller has to re-wrap).
TEST(PhantomTypes, NeighboursAreIdsOfTheSameGraph) {
  mwtest::CountingResource counting;
  mw::GraphBuilder<RoadTag> builder(3, &counting);
  EXPECT_TRUE((std::is_same_v<decltype(builder.node(0)), Road>));
  builder.add_edge(builder.node(0), builder.node(1));
  builder.add_edge(builder.node(1), builder.node(2));
  auto g = std::move(builder).freeze();
  EXPECT_TRUE((std::is_same_v<decltype(g.neighbours(Road(0))), std::span<const Road>>));
  EXPECT_EQ(g.neighbours(g.neighbours(Road(0))[0]).front(), Road(2));
}

// A frozen graph is move-only and a move keeps its contents (kills: a copyable graph that
// silently duplicates megabytes; a move that loses the offsets).
TEST(FrozenGraph, IsMoveOnlyAndMovesKeepTheEdges) {
  EXPECT_FALSE(std::is_copy_constructible_v<mw::FrozenGraph<RoadTag>>);
  EXPECT_FALSE(std::is_copy_assignable_v<mw::FrozenGraph<RoadTag>>);
  mwtest::CountingResource counting;
  auto g = freeze(3, {{2, 1}}, &counting);
  const Road* data = g.neighbours(Road(2)).data();
  mw::FrozenGraph<RoadTag> moved = std::move(g);
  EXPECT_EQ(moved.neighbours(Road(2)).data(), data);
  EXPECT_EQ(moved.node_count(), 3u);
  EXPECT_EQ(counting.live_blocks(), 2u);
}

}  // namespace
