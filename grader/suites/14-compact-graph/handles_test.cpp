// Hidden tests for MutableGraph's two kinds of handles: the owned, tagged Handle and the
// borrowed NodeRef. Type properties are checked through concepts inside the tests, so a
// learner whose types are wrong still gets a suite that builds.
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

#include <mwtest/counting_resource.hpp>

#include "mutable_graph.hpp"

namespace {

struct CityTag;
struct StationTag;
using City = mw::Handle<CityTag>;
using Station = mw::Handle<StationTag>;
using Cities = mw::MutableGraph<CityTag, std::string>;

// Does graph type G take handle H in each of its handle-taking functions? One concept per
// function, so that a single function taking a foreign handle is enough to be caught.
template <class G, class H>
concept Gets = requires(G& g, H h) {
  g.get(h);
};
template <class G, class H>
concept Ats = requires(G& g, H h) {
  g.at(h);
};
template <class G, class H>
concept Contains = requires(G& g, H h) {
  g.contains(h);
};
template <class G, class H>
concept Removes = requires(G& g, H h) {
  g.remove(h);
};
template <class G, class H>
concept ListsNeighbours = requires(G& g, H h) {
  g.neighbours(h);
};
template <class G, class H>
concept Borrows = requires(G& g, H h) {
  g.borrow(h);
};
template <class G, class H>
concept AddsEdges = requires(G& g, H h) {
  g.add_edge(h, h);
};
template <class G, class H>
concept TakesHandleAnywhere = Gets<G, H> || Ats<G, H> || Contains<G, H> || Removes<G, H> ||
    ListsNeighbours<G, H> || Borrows<G, H> || AddsEdges<G, H>;
template <class G, class H>
concept TakesHandleEverywhere = Gets<G, H> && Ats<G, H> && Contains<G, H> && Removes<G, H> &&
    ListsNeighbours<G, H> && Borrows<G, H> && AddsEdges<G, H>;
// Can a view be borrowed from a graph expression of type G (an rvalue when G is not a ref)?
template <class G, class H>
concept LendsFrom = requires(G&& g, H h) {
  std::forward<G>(g).borrow(h);
};

// A handle of one graph type is refused by every function of another graph type, and no
// integer is a handle (kills: an untagged Handle, converting constructors, a handle built
// from a bare index).
TEST(Handles, HandlesOfOneTagDoNotWorkInAnother) {
  EXPECT_TRUE((TakesHandleEverywhere<Cities, City>));
  EXPECT_FALSE((TakesHandleAnywhere<Cities, Station>));
  EXPECT_FALSE((TakesHandleAnywhere<Cities, std::uint32_t>));
  EXPECT_FALSE((std::is_convertible_v<Station, City>));
  EXPECT_FALSE((std::is_constructible_v<City, Station>));
  EXPECT_FALSE((std::is_convertible_v<City, std::uint64_t>));
  EXPECT_FALSE((std::is_constructible_v<City, std::uint32_t>));
  EXPECT_FALSE((std::is_constructible_v<City, std::uint32_t, std::uint32_t>));

  mwtest::CountingResource counting;
  Cities g(&counting);
  const City h = g.insert("Quito");
  EXPECT_EQ(g.at(h), "Quito");
}

// An owned handle is two 32-bit numbers, trivially copyable, and a copy is as good as the
// original (kills: handles holding pointers into the arena, 64-bit fields).
TEST(Handles, OwnedHandleIsACopyableValue) {
  EXPECT_EQ(sizeof(City), 8u);
  EXPECT_TRUE(std::is_trivially_copyable_v<City>);
  mwtest::CountingResource counting;
  Cities g(&counting);
  const City h = g.insert("Bern");
  City copy = h;
  for (int i = 0; i < 100; ++i) g.insert(std::to_string(i));  // the arena grows and moves
  EXPECT_EQ(copy, h);
  EXPECT_EQ(g.at(copy), "Bern");
}

// A borrowed NodeRef is a view of the node in the graph, not a copy: writes through it are
// seen by the graph, and handle() gives the owned handle back (kills: a NodeRef that stores
// a copy of the value, handle() returning another node).
TEST(Borrowed, NodeRefIsAViewIntoTheGraph) {
  mwtest::CountingResource counting;
  Cities g(&counting);
  g.insert("Lyon");
  const City h = g.insert("Nice");
  mw::NodeRef<CityTag, std::string> ref = g.borrow(h);
  EXPECT_EQ(&ref.value(), g.get(h));
  ref.value() = "Nizza";
  EXPECT_EQ(g.at(h), "Nizza");
  EXPECT_EQ(ref->size(), 5u);
  EXPECT_EQ(ref.handle(), h);
}

// A const graph lends read-only views, borrowing a stale handle throws StaleHandle, and a
// temporary graph lends nothing, since the view would dangle (kills: a const graph handing
// out mutable access, borrow without a check, borrowing from an rvalue graph).
TEST(Borrowed, ConstStaleAndTemporaryGraphs) {
  EXPECT_TRUE((LendsFrom<Cities&, City>));
  EXPECT_FALSE((LendsFrom<Cities, City>));
  mwtest::CountingResource counting;
  Cities g(&counting);
  const City h = g.insert("Graz");
  const Cities& view = g;
  auto ref = view.borrow(h);
  EXPECT_TRUE((std::is_same_v<decltype(ref.value()), const std::string&>));
  EXPECT_EQ(ref.value(), "Graz");
  g.remove(h);
  EXPECT_THROW(g.borrow(h), mw::StaleHandle);
  EXPECT_THROW(view.borrow(h), mw::StaleHandle);
}

// Moving a graph keeps every handle valid in the new graph and leaves the old one empty and
// usable (kills: a moved-from graph whose free list still points into the moved arena).
TEST(Handles, MovingTheGraphKeepsHandles) {
  mwtest::CountingResource counting;
  Cities g(&counting);
  const City a = g.insert("a");
  const City b = g.insert("b");
  g.remove(a);
  Cities moved(std::move(g));
  EXPECT_EQ(moved.at(b), "b");
  EXPECT_FALSE(moved.contains(a));
  EXPECT_EQ(moved.size(), 1u);
  EXPECT_EQ(g.size(), 0u);  // NOLINT(bugprone-use-after-move): documented state
  const City c = g.insert("c");
  EXPECT_EQ(g.at(c), "c");
  EXPECT_EQ(g.slot_count(), 1u);
}

}  // namespace
