// Hidden tests for the arena-backed MutableGraph: generational handles, slot reuse, values'
// lifetimes, edges to removed nodes.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <mwtest/counting_resource.hpp>
#include <mwtest/instrumented.hpp>
#include <mwtest/scoped_default_resource.hpp>

#include "mutable_graph.hpp"

namespace {

struct CityTag;
using City = mw::Handle<CityTag>;
using Graph = mw::MutableGraph<CityTag, std::string>;
using mwtest::Instrumented;

// Inserted values come back through get, at and contains, and size counts them (kills:
// handles naming the wrong slot, size not maintained).
TEST(Generational, InsertedNodesAreFoundByTheirHandles) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City paris = g.insert("Paris");
  const City rome = g.insert("Rome");
  const City oslo = g.insert("Oslo");
  EXPECT_EQ(g.size(), 3u);
  EXPECT_EQ(*g.get(paris), "Paris");
  EXPECT_EQ(g.at(rome), "Rome");
  EXPECT_TRUE(g.contains(oslo));
  EXPECT_NE(paris, rome);
  g.at(rome) += "!";
  EXPECT_EQ(*std::as_const(g).get(rome), "Rome!");
}

// A removed node's handle is stale everywhere: get is null, contains false, at throws
// StaleHandle, a second remove returns false (kills: remove not freeing the slot, at()
// without a check, size not decremented).
TEST(Generational, RemovedHandleIsStale) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City paris = g.insert("Paris");
  const City rome = g.insert("Rome");
  EXPECT_TRUE(g.remove(paris));
  EXPECT_EQ(g.get(paris), nullptr);
  EXPECT_EQ(std::as_const(g).get(paris), nullptr);
  EXPECT_FALSE(g.contains(paris));
  EXPECT_THROW(g.at(paris), mw::StaleHandle);
  EXPECT_THROW(std::as_const(g).at(paris), std::out_of_range);
  EXPECT_FALSE(g.remove(paris));
  EXPECT_EQ(g.size(), 1u);
  EXPECT_EQ(g.at(rome), "Rome");
}

// A new node reuses the freed slot under a new generation, and the old handle stays stale:
// it never reaches the new node (kills: generation not bumped on removal, generation bumped
// but not compared, a reused slot reset to generation 0).
TEST(Generational, SlotReuseDoesNotResurrectOldHandles) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  g.insert("Paris");
  const City old = g.insert("Rome");
  g.insert("Oslo");
  ASSERT_TRUE(g.remove(old));
  const City fresh = g.insert("Lima");
  EXPECT_EQ(fresh.index(), old.index()) << "the freed slot is reused";
  EXPECT_NE(fresh.generation(), old.generation());
  EXPECT_NE(fresh, old);
  EXPECT_EQ(g.get(old), nullptr);
  EXPECT_FALSE(g.contains(old));
  EXPECT_THROW(g.at(old), mw::StaleHandle);
  EXPECT_FALSE(g.remove(old));
  EXPECT_EQ(g.at(fresh), "Lima");
  EXPECT_EQ(g.slot_count(), 3u);
}

// One slot reused a thousand times never accepts any of its old handles (kills: a generation
// that wraps around early, e.g. an 8-bit counter, or that repeats values).
TEST(Generational, ManyReusesOfOneSlotNeverAcceptOldHandles) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  std::vector<City> old;
  for (int i = 0; i < 1000; ++i) {
    const City h = g.insert(std::to_string(i));
    ASSERT_TRUE(g.remove(h));
    old.push_back(h);
  }
  const City live = g.insert("live");
  EXPECT_EQ(g.slot_count(), 1u);
  for (const City h : old) ASSERT_FALSE(g.contains(h)) << "generation " << h.generation();
  EXPECT_EQ(g.at(live), "live");
}

// Freed slots are reused before the arena grows, and reusing them allocates nothing (kills:
// no free list — every insert appends —, a free list that loses slots).
TEST(Arena, FreedSlotsAreReusedWithoutAllocating) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  std::vector<City> handles;
  for (int i = 0; i < 8; ++i) handles.push_back(g.insert(std::string(1, char('a' + i))));
  std::vector<std::uint32_t> freed;
  for (int i : {1, 6, 3, 4}) {
    ASSERT_TRUE(g.remove(handles[i]));
    freed.push_back(handles[i].index());
  }
  const std::size_t allocations = counting.allocations();
  std::vector<std::uint32_t> reused;
  for (int i = 0; i < 4; ++i) reused.push_back(g.insert("x").index());
  EXPECT_EQ(counting.allocations(), allocations);
  EXPECT_EQ(g.slot_count(), 8u);
  std::sort(freed.begin(), freed.end());
  std::sort(reused.begin(), reused.end());
  EXPECT_EQ(reused, freed);
  g.insert("new");
  EXPECT_EQ(g.slot_count(), 9u);
  EXPECT_EQ(g.size(), 9u);
}

// remove destroys the value at once, the graph's destructor destroys the rest, and the
// arena's memory all goes back to its resource (kills: values left alive in free slots
// until the end, leaks, memory from the default resource).
TEST(Arena, ValuesDieOnRemovalAndMemoryGoesBack) {
  Instrumented::reset();
  mwtest::CountingResource given;
  mwtest::CountingResource fallback;
  mwtest::ScopedDefaultResource as_default(&fallback);
  {
    mw::MutableGraph<CityTag, Instrumented> g(&given);
    std::vector<City> handles;
    for (int i = 0; i < 10; ++i) handles.push_back(g.insert(Instrumented(i)));
    g.add_edge(handles[0], handles[1]);
    EXPECT_EQ(mwtest::life_counts().alive(), 10);
    g.remove(handles[3]);
    g.remove(handles[0]);
    EXPECT_EQ(mwtest::life_counts().alive(), 8);
    EXPECT_EQ(g.at(handles[4]).value(), 4);
    EXPECT_GT(given.allocations(), 0u);
  }
  EXPECT_EQ(mwtest::life_counts().alive(), 0);
  EXPECT_EQ(given.live_bytes(), 0u);
  EXPECT_TRUE(given.errors().empty()) << given.errors().front();
  EXPECT_EQ(fallback.allocations(), 0u);
}

// An insert whose value's move throws leaves the graph as it was, free list included
// (kills: taking the slot off the free list before the value is in it).
TEST(Arena, ThrowingInsertLeavesTheFreeListIntact) {
  Instrumented::reset();
  mwtest::CountingResource counting;
  mw::MutableGraph<CityTag, Instrumented> g(&counting);
  const City a = g.insert(Instrumented(1));
  g.insert(Instrumented(2));
  g.remove(a);
  Instrumented::throw_after(2);  // the argument is built, moving it into the slot throws
  EXPECT_THROW(g.insert(Instrumented(3)), mwtest::InstrumentedError);
  EXPECT_EQ(g.size(), 1u);
  const City b = g.insert(Instrumented(4));
  EXPECT_EQ(b.index(), a.index());
  EXPECT_EQ(g.slot_count(), 2u);
  EXPECT_FALSE(g.contains(a));
  EXPECT_EQ(mwtest::life_counts().alive(), 2);
}

// neighbours() lists edge targets in insertion order, duplicates kept (kills: edges stored
// on the wrong node, a set that drops or reorders them).
TEST(Edges, NeighboursInInsertionOrder) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City a = g.insert("a"), b = g.insert("b"), c = g.insert("c");
  g.add_edge(a, c);
  g.add_edge(a, b);
  g.add_edge(a, c);
  g.add_edge(c, a);
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{c, b, c}));
  EXPECT_EQ(g.neighbours(b), (std::vector<City>{}));
  EXPECT_EQ(g.neighbours(c), (std::vector<City>{a}));
}

// Edges to a removed node are skipped, also after its slot is reused by a new node: the
// stored handle is stale, so the edge does not silently point at the newcomer (kills: the
// generation not checked when following an edge, reuse without a new generation).
TEST(Edges, EdgesToRemovedNodesAreSkippedEvenAfterReuse) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City a = g.insert("a"), b = g.insert("b"), c = g.insert("c");
  g.add_edge(a, b);
  g.add_edge(a, c);
  g.remove(b);
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{c}));
  const City d = g.insert("d");
  ASSERT_EQ(d.index(), b.index());
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{c}));
  g.add_edge(a, d);
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{c, d}));
}

// A removed node's own edges go with it: the node that reuses its slot starts with none
// (kills: remove that forgets to clear the slot's edge list).
TEST(Edges, ReusedSlotStartsWithoutEdges) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City a = g.insert("a"), b = g.insert("b");
  g.add_edge(a, b);
  g.add_edge(a, a);
  g.remove(a);
  const City fresh = g.insert("fresh");
  ASSERT_EQ(fresh.index(), a.index());
  EXPECT_EQ(g.neighbours(fresh), (std::vector<City>{}));
}

// remove() empties the slot's edge list but keeps its memory: nothing is deallocated, and the
// node that reuses the slot adds as many edges again without allocating (README, remove).
// kills: remove that frees the edge list (shrink_to_fit, or swap with an empty vector).
TEST(Arena, RemoveKeepsTheEdgeListMemoryForTheSlotsNextNode) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City hub = g.insert("hub"), other = g.insert("other");
  for (int i = 0; i < 40; ++i) g.add_edge(hub, other);
  const std::size_t allocations = counting.allocations();
  const std::size_t deallocations = counting.deallocations();
  const std::size_t bytes = counting.live_bytes();
  ASSERT_TRUE(g.remove(hub));
  EXPECT_EQ(counting.deallocations(), deallocations) << "remove gave the edge list back";
  EXPECT_EQ(counting.live_bytes(), bytes);
  const City next = g.insert("next");
  ASSERT_EQ(next.index(), hub.index());
  EXPECT_EQ(g.neighbours(next), (std::vector<City>{}));
  for (int i = 0; i < 40; ++i) g.add_edge(next, other);
  EXPECT_EQ(counting.allocations(), allocations) << "the slot's edge memory should be reused";
  EXPECT_EQ(g.neighbours(next).size(), 40u);
}

// add_edge keeps duplicates, unlike freeze: every edge is listed, in insertion order, self
// loops too, and each copy of an edge to a removed node is skipped (README, add_edge).
// kills: an add_edge (or a neighbours) that drops an edge already there.
TEST(Edges, DuplicateEdgesAreKeptEachOne) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City a = g.insert("a"), b = g.insert("b"), c = g.insert("c");
  g.add_edge(a, b);
  g.add_edge(a, a);
  g.add_edge(a, b);
  g.add_edge(a, c);
  g.add_edge(a, a);
  g.add_edge(a, b);
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{b, a, b, c, a, b}));
  g.remove(b);
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{a, c, a}));
  const City d = g.insert("d");
  g.add_edge(a, d);
  g.add_edge(a, d);
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{a, c, a, d, d}));
}

// Stale handles are refused at both ends of add_edge and by neighbours, and a refused
// add_edge adds nothing (kills: edges from or to dead nodes).
TEST(Edges, StaleEndpointsAreRefused) {
  mwtest::CountingResource counting;
  Graph g(&counting);
  const City a = g.insert("a"), dead = g.insert("dead");
  g.remove(dead);
  EXPECT_THROW(g.add_edge(a, dead), mw::StaleHandle);
  EXPECT_THROW(g.add_edge(dead, a), mw::StaleHandle);
  EXPECT_THROW(g.neighbours(dead), mw::StaleHandle);
  const City reborn = g.insert("reborn");
  EXPECT_EQ(g.neighbours(reborn), (std::vector<City>{}));
  EXPECT_EQ(g.neighbours(a), (std::vector<City>{}));
}

}  // namespace
