// visible_test.cpp — a few of the behaviours the hidden suite grades, to read and to run.
// The hidden suite checks many more: threads sharing the cache, dead-slot sweeping, a
// factory that fails or re-enters the cache, long chains, stale handles, roots that move.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "gc_heap.hpp"
#include "weak_cache.hpp"

namespace {

// While a user holds a value, asking again returns the same object; once the last user
// lets go, the value is gone and the next request makes a new one.
TEST(Visible, WeakCacheHandsOutOneValuePerLivePeriod) {
  mw::WeakCache<std::string, std::string> cache;
  int calls = 0;
  auto load = [&] {
    ++calls;
    return std::string("texture bytes");
  };
  auto first = cache.get_or_create("brick.png", load);
  auto second = cache.get_or_create("brick.png", load);
  EXPECT_EQ(first, second);
  EXPECT_EQ(calls, 1);
  first.reset();
  second.reset();
  EXPECT_EQ(cache.find("brick.png"), nullptr);
  cache.get_or_create("brick.png", load);
  EXPECT_EQ(calls, 2);
}

// A heap object reports its outgoing handles in `trace`.
struct Node {
  void trace(mw::Tracer& tracer) const {
    for (auto edge : edges) tracer.visit(edge);
  }
  std::vector<mw::Gc<Node>> edges;
};

// A cycle that reference counting would leak is freed once no root reaches it, and the
// handles to it are then stale.
TEST(Visible, CollectFreesAnUnrootedCycle) {
  mw::GcHeap heap;
  auto a = heap.make<Node>();
  auto b = heap.make<Node>();
  heap.get(a).edges.push_back(b);
  heap.get(b).edges.push_back(a);
  {
    auto root = heap.root(a);
    EXPECT_EQ(heap.collect(), 0u);  // b is reachable through a
  }
  EXPECT_EQ(heap.collect(), 2u);
  EXPECT_EQ(heap.live_objects(), 0u);
  EXPECT_FALSE(heap.contains(a));
  EXPECT_THROW(heap.get(b), mw::stale_handle);
}

}  // namespace
