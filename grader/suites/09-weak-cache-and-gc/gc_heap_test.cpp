// gc_heap_test.cpp — GcHeap: mark-and-sweep from roots frees unreachable objects, cycles
// included, keeps everything reachable, and detects handles to what it freed.
#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <utility>
#include <vector>

#include <mwtest/instrumented.hpp>

#include "gc_heap.hpp"

namespace {

using mwtest::life_counts;

// A heap object with any number of outgoing edges; `life` counts its construction and
// destruction.
struct Node {
  explicit Node(int value = 0) : life(value) {}
  void trace(mw::Tracer& tracer) const {
    for (auto edge : edges) tracer.visit(edge);
  }
  mwtest::Instrumented life;
  std::vector<mw::Gc<Node>> edges;
};

// A second type, to check that objects of different types trace through each other.
struct Leaf {
  void trace(mw::Tracer&) const {}
  mwtest::Instrumented life{7};
};
struct Pair {
  void trace(mw::Tracer& tracer) const {
    tracer.visit(left);
    tracer.visit(right);
  }
  mw::Gc<Leaf> left;
  mw::Gc<Leaf> right;
};

class GcTest : public ::testing::Test {
 protected:
  void SetUp() override { mwtest::Instrumented::reset(); }

  void link(mw::Gc<Node> from, mw::Gc<Node> to) { heap.get(from).edges.push_back(to); }

  // Builds n nodes linked 0 -> 1 -> ... -> n-1 (and n-1 -> 0 when `closed`).
  std::vector<mw::Gc<Node>> chain(std::size_t n, bool closed) {
    std::vector<mw::Gc<Node>> nodes;
    nodes.reserve(n);
    for (std::size_t i = 0; i < n; ++i) nodes.push_back(heap.make<Node>(static_cast<int>(i)));
    for (std::size_t i = 0; i + 1 < n; ++i) link(nodes[i], nodes[i + 1]);
    if (closed) link(nodes[n - 1], nodes[0]);
    return nodes;
  }

  mw::GcHeap heap;
};

// make() constructs the object from the arguments and get() reaches it (kills: a handle
// naming the wrong slot, arguments not forwarded).
TEST_F(GcTest, MakeConstructsAndGetReturnsTheObject) {
  auto a = heap.make<Node>(1);
  auto b = heap.make<Node>(2);
  EXPECT_EQ(heap.get(a).life.value(), 1);
  EXPECT_EQ(heap.get(b).life.value(), 2);
  EXPECT_TRUE(heap.contains(a));
  EXPECT_EQ(heap.live_objects(), 2u);
  EXPECT_EQ(life_counts().alive(), 2);
}

// An object no root reaches is destroyed by collect(), which returns how many it freed
// (kills: sweeping without running destructors, a wrong count).
TEST_F(GcTest, UnrootedObjectIsCollected) {
  heap.make<Node>(1);
  heap.make<Node>(2);
  EXPECT_EQ(heap.collect(), 2u);
  EXPECT_EQ(heap.live_objects(), 0u);
  EXPECT_EQ(life_counts().destroyed, 2u);
  EXPECT_EQ(life_counts().alive(), 0);
}

// A rooted object survives collection and stays usable (kills: sweeping the roots,
// marking only what other objects point to).
TEST_F(GcTest, RootedObjectSurvives) {
  auto a = heap.make<Node>(5);
  auto root = heap.root(a);
  heap.make<Node>(6);
  EXPECT_EQ(heap.collect(), 1u);
  EXPECT_TRUE(heap.contains(a));
  EXPECT_EQ(root->life.value(), 5);
  EXPECT_EQ(heap.live_objects(), 1u);
}

// Objects reachable only through a chain of others survive (kills: marking only the
// roots' direct children).
TEST_F(GcTest, ObjectsReachableThroughAChainSurvive) {
  auto nodes = chain(5, false);
  auto root = heap.root(nodes[0]);
  EXPECT_EQ(heap.collect(), 0u);
  for (auto node : nodes) EXPECT_TRUE(heap.contains(node));
  EXPECT_EQ(heap.get(nodes[4]).life.value(), 4);
}

// A cycle of two survives while rooted, and once unrooted is freed with each destructor run
// exactly once (kills: reference counting's leak, cycles marked forever, double destroy).
TEST_F(GcTest, TwoObjectCycleIsCollectedOnceUnrooted) {
  auto nodes = chain(2, true);
  {
    auto root = heap.root(nodes[1]);
    EXPECT_EQ(heap.collect(), 0u);
    EXPECT_EQ(life_counts().alive(), 2);
  }
  EXPECT_EQ(heap.collect(), 2u);
  EXPECT_EQ(life_counts().destroyed, 2u);
  EXPECT_EQ(life_counts().alive(), 0);
  EXPECT_FALSE(heap.contains(nodes[0]));
}

// A cycle of a thousand with a self-loop and a chord is freed entirely, each destructor once
// (kills: a mark phase that loops on cycles, a partial sweep).
TEST_F(GcTest, LongCycleIsCollectedOnceUnrooted) {
  auto nodes = chain(1000, true);
  link(nodes[500], nodes[500]);
  link(nodes[10], nodes[900]);
  auto root = heap.root(nodes[123]);
  EXPECT_EQ(heap.collect(), 0u);
  root.reset();
  EXPECT_EQ(heap.collect(), 1000u);
  EXPECT_EQ(life_counts().destroyed, 1000u);
  EXPECT_EQ(heap.live_objects(), 0u);
}

// Marks are cleared after each collection: what a first collection kept, a second one frees
// once its root is gone (kills: mark bits left set, so the second collect frees nothing).
TEST_F(GcTest, SecondCollectionFreesWhatTheFirstKept) {
  auto nodes = chain(3, false);
  auto root = heap.root(nodes[0]);
  EXPECT_EQ(heap.collect(), 0u);
  EXPECT_EQ(heap.collect(), 0u);
  heap.get(nodes[1]).edges.clear();  // cut 1 -> 2: node 2 is now garbage
  EXPECT_EQ(heap.collect(), 1u);
  root.reset();
  EXPECT_EQ(heap.collect(), 2u);
  EXPECT_EQ(life_counts().alive(), 0);
}

// A chain of 100000 objects is marked and swept without recursion (kills: a recursive mark
// that overflows the stack on a long chain).
TEST_F(GcTest, ChainOf100000DoesNotOverflowTheStack) {
  constexpr std::size_t n = 100000;
  auto nodes = chain(n, false);
  auto root = heap.root(nodes[0]);
  EXPECT_EQ(heap.collect(), 0u);
  EXPECT_TRUE(heap.contains(nodes[n - 1]));
  root.reset();
  EXPECT_EQ(heap.collect(), n);
  EXPECT_EQ(life_counts().alive(), 0);
}

// A handle to a collected object is detected: contains() is false and get() and root()
// throw stale_handle (kills: a dangling pointer, reading a destroyed object).
TEST_F(GcTest, HandleToCollectedObjectIsStale) {
  auto a = heap.make<Node>(1);
  heap.collect();
  EXPECT_FALSE(heap.contains(a));
  EXPECT_THROW(heap.get(a), mw::stale_handle);
  EXPECT_THROW(heap.root(a), mw::stale_handle);
}

// An old handle stays stale after its slot holds a new object (kills: reusing a slot
// without a new generation, so the old handle silently names the new object).
TEST_F(GcTest, ReusedSlotDoesNotReviveOldHandles) {
  auto old_handle = heap.make<Node>(1);
  heap.collect();
  std::vector<mw::Root<Node>> roots;
  for (int i = 0; i < 20; ++i) roots.push_back(heap.root(heap.make<Node>(100 + i)));
  EXPECT_FALSE(heap.contains(old_handle));
  EXPECT_THROW(heap.get(old_handle), mw::stale_handle);
  EXPECT_EQ(heap.get(roots[0].handle()).life.value(), 100);
  EXPECT_EQ(heap.live_objects(), 20u);
}

// The tracer ignores a stale edge: it keeps no new object alive in the old slot (kills: a
// tracer that marks by index without checking the generation).
TEST_F(GcTest, StaleEdgeKeepsNothingAlive) {
  auto gone = heap.make<Node>(1);
  auto holder = heap.make<Node>(2);
  auto root = heap.root(holder);
  EXPECT_EQ(heap.collect(), 1u);
  link(holder, gone);                                    // a stale handle kept in a live object
  link(holder, mw::Gc<Node>());                          // and a null one
  for (int i = 0; i < 20; ++i) heap.make<Node>(10 + i);  // reoccupy the freed slot
  EXPECT_EQ(heap.collect(), 20u);
  EXPECT_EQ(heap.live_objects(), 1u);
  EXPECT_EQ(life_counts().alive(), 1);
}

// An object with two roots stays until both are gone (kills: a root flag instead of a
// count, so dropping one root unroots the object).
TEST_F(GcTest, ObjectWithTwoRootsNeedsBothDropped) {
  auto a = heap.make<Node>(1);
  auto first = heap.root(a);
  auto second = heap.root(a);
  first.reset();
  EXPECT_EQ(heap.collect(), 0u);
  second.reset();
  EXPECT_EQ(heap.collect(), 1u);
}

// Moving a Root moves the root: the moved-from one unroots nothing, the target keeps it
// (kills: a move that removes the root twice or leaks it).
TEST_F(GcTest, MovingARootKeepsTheObjectRootedOnce) {
  auto a = heap.make<Node>(1);
  auto b = heap.make<Node>(2);
  mw::Root<Node> target = heap.root(b);
  {
    auto source = heap.root(a);
    target = std::move(source);  // drops b's root, takes a's
  }
  EXPECT_EQ(heap.collect(), 1u);
  EXPECT_TRUE(heap.contains(a));
  EXPECT_FALSE(heap.contains(b));
  mw::Root<Node> moved(std::move(target));
  EXPECT_EQ(heap.collect(), 0u);
  moved.reset();
  EXPECT_EQ(heap.collect(), 1u);
}

// Objects of different types trace through each other (kills: type erasure that traces
// only one type, or the wrong object's trace).
TEST_F(GcTest, ObjectsOfDifferentTypesTraceThroughEachOther) {
  auto pair = heap.make<Pair>(Pair{heap.make<Leaf>(), heap.make<Leaf>()});
  heap.make<Leaf>();
  auto root = heap.root(pair);
  EXPECT_EQ(heap.collect(), 1u);
  EXPECT_EQ(heap.get(heap.get(pair).left).life.value(), 7);
  EXPECT_EQ(heap.live_objects(), 3u);
}

// The heap's destructor destroys every object left, rooted, unrooted or in a cycle (kills:
// a destructor that leaks the remaining objects).
TEST_F(GcTest, HeapDestructorDestroysEveryObject) {
  {
    mw::GcHeap local;
    auto a = local.make<Node>(1);
    auto b = local.make<Node>(2);
    local.get(a).edges.push_back(b);
    local.get(b).edges.push_back(a);
    local.make<Node>(3);
    auto root = local.root(local.make<Node>(4));  // destroyed before the heap, as required
    EXPECT_EQ(life_counts().alive(), 4);
  }
  EXPECT_EQ(life_counts().alive(), 0);
  EXPECT_EQ(life_counts().destroyed, life_counts().constructed);
}

}  // namespace
