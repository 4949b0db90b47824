// Hidden tests for mw::IntrusiveArc and mw::RefCounted: the count lives in the object, there is
// no separate block and no weak count. Also the allocation and size comparison with Arc and
// std::shared_ptr that the lesson's table reports.
#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <memory_resource>
#include <new>
#include <utility>
#include <vector>

#include <mwtest/atomic_instrumented.hpp>
#include <mwtest/counting_resource.hpp>

#include "arc.hpp"
#include "fixture.hpp"
#include "intrusive_arc.hpp"

namespace {

using mwtest::SharedInstrumented;

/// An intrusively counted object whose class-level new/delete count its allocations.
struct Node : mw::RefCounted<Node> {
  explicit Node(int v) : payload(v) {}
  SharedInstrumented payload;

  static void* operator new(std::size_t bytes) {
    ++allocations;
    last_bytes = bytes;
    return ::operator new(bytes);
  }
  static void operator delete(void* p, std::size_t bytes) {
    ++deallocations;
    ::operator delete(p, bytes);
  }
  static inline std::atomic<std::size_t> allocations{0};
  static inline std::atomic<std::size_t> deallocations{0};
  static inline std::atomic<std::size_t> last_bytes{0};
};

static_assert(sizeof(mw::IntrusiveArc<Node>) == sizeof(void*),
              "an IntrusiveArc must be one pointer wide");
static_assert(sizeof(mw::RefCounted<Node>) == sizeof(std::atomic<std::size_t>),
              "RefCounted adds exactly one atomic count to the object (no weak count)");

class Intrusive : public ArcFixture {
 protected:
  void SetUp() override {
    ArcFixture::SetUp();
    Node::allocations = 0;
    Node::deallocations = 0;
  }
};

// make_intrusive is one allocation of exactly the object, copies of the handle allocate nothing,
// and the last handle deletes it once; kills a separate count block and a leak.
TEST_F(Intrusive, OneAllocationOfTheObjectItselfDeletedByTheLastHandle) {
  auto a = mw::make_intrusive<Node>(1);
  EXPECT_EQ(Node::allocations.load(), 1u);
  EXPECT_EQ(Node::last_bytes.load(), sizeof(Node));
  EXPECT_EQ(a.use_count(), 1u);
  std::vector<mw::IntrusiveArc<Node>> copies(5, a);
  EXPECT_EQ(a.use_count(), 6u);
  EXPECT_EQ(Node::allocations.load(), 1u);
  a.reset();
  copies.clear();
  EXPECT_EQ(shared_destroyed(), 1u);
  EXPECT_EQ(Node::deallocations.load(), 1u);
}

// A handle made from a raw pointer to an object other handles own (e.g. `this`) shares their
// count instead of starting a second one; kills a raw-pointer constructor that sets the count
// to 1 (the object would be deleted while handles remain).
TEST_F(Intrusive, RawPointerSharesTheExistingCount) {
  auto a = mw::make_intrusive<Node>(2);
  const Node* raw = a.get();
  {
    mw::IntrusiveArc<Node> again(const_cast<Node*>(raw));
    EXPECT_EQ(a.use_count(), 2u);
    EXPECT_EQ(again.get(), a.get());
  }
  EXPECT_EQ(a.use_count(), 1u);
  EXPECT_EQ(shared_destroyed(), 0u);
  EXPECT_EQ(a->payload.value(), 2);
}

/// A copyable, intrusively counted value, to copy objects that handles own.
struct Value : mw::RefCounted<Value> {
  explicit Value(int v) : v(v) {}
  int v;
};

// Copying an object makes a new object with no handles, and assigning one object to another
// leaves both counts alone; kills a RefCounted copy constructor or assignment that copies the
// count (the copy would leak, or be deleted while handles remain).
TEST_F(Intrusive, CopyingTheObjectDoesNotCopyItsCount) {
  auto a = mw::make_intrusive<Value>(3);
  auto a2 = a;
  auto b = mw::make_intrusive<Value>(*a);
  EXPECT_EQ(b.use_count(), 1u);
  EXPECT_EQ(a.use_count(), 2u);
  auto c = mw::make_intrusive<Value>(4);
  const_cast<Value&>(*c) = *a;  // handles may share a mutable object; the count must not move
  EXPECT_EQ(c.use_count(), 1u);
  EXPECT_EQ(c->v, 3);
  EXPECT_EQ(a.use_count(), 2u);
}

// Moves transfer without counting, assignments drop the old object, self-assignment keeps the
// object, an empty handle is safe; kills the same handle bugs as for Arc.
TEST_F(Intrusive, MovesAndAssignmentsCountExactly) {
  auto a = mw::make_intrusive<Node>(4);
  mw::IntrusiveArc<Node> b = std::move(a);
  EXPECT_FALSE(a);
  EXPECT_EQ(a.use_count(), 0u);
  EXPECT_EQ(b.use_count(), 1u);
  auto c = mw::make_intrusive<Node>(5);
  c = b;
  EXPECT_EQ(shared_destroyed(), 1u);
  EXPECT_EQ(b.use_count(), 2u);
  auto& same = c;
  c = same;
  c = std::move(same);
  EXPECT_EQ(c->payload.value(), 4);
  EXPECT_EQ(b.use_count(), 2u);
  mw::IntrusiveArc<Node> empty(nullptr);
  empty = mw::IntrusiveArc<Node>();
  EXPECT_EQ(empty.use_count(), 0u);
}

// Threads cloning and dropping one object leave the count exact; kills a plain count.
TEST_F(Intrusive, ClonesAndDropsFromManyThreadsCountExactly) {
  auto a = mw::make_intrusive<Node>(6);
  clone_and_drop_from_threads(a);
  EXPECT_EQ(a.use_count(), 1u);
  a.reset();
  EXPECT_EQ(shared_destroyed(), 1u);
  EXPECT_EQ(Node::deallocations.load(), 1u);
}

// The thread that deletes the object sees every other thread's writes to it; kills a relaxed
// decrement or a missing acquire before `delete` (TSan reports the race).
TEST_F(Intrusive, LastDropSeesEveryThreadsWrites) {
  for (int round = 0; round < 10; ++round) {
    std::vector<mw::IntrusiveArc<Node>> handles(kThreads, mw::make_intrusive<Node>(round));
    run_together(kThreads, [&](std::size_t i) {
      handles[i]->payload.write_slot(i, static_cast<long>(i) + 1);
      handles[i].reset();
    });
    EXPECT_EQ(mwtest::atomic_life_counts().last_slot_sum.load(),
              static_cast<long>(kThreads * (kThreads + 1) / 2));
  }
  EXPECT_EQ(Node::deallocations.load(), 10u);
}

// Allocations per shared object, counted: Arc and IntrusiveArc make one, as std::make_shared
// does; std::shared_ptr(new T) makes two; handle sizes 8, 8 and 16 bytes. Kills a second block.
TEST(Tradeoffs, AllocationsAndSizesAgainstSharedPtr) {
  mwtest::CountingResource arc_blocks;
  mwtest::CountingResource shared_blocks;
  Node::allocations = 0;
  Node::deallocations = 0;
  {
    auto arc = mw::allocate_arc<int>(&arc_blocks, 1);
    auto intrusive = mw::make_intrusive<Node>(1);
    std::pmr::polymorphic_allocator<int> alloc(&shared_blocks);
    auto made = std::allocate_shared<int>(alloc, 1);
    EXPECT_EQ(shared_blocks.allocations(), 1u);  // make_shared: control block and int together
    std::shared_ptr<int> adopted(new int(1), std::default_delete<int>(), alloc);
    EXPECT_EQ(shared_blocks.allocations(), 2u);  // + a control block; the int was a 2nd `new`
    EXPECT_EQ(arc_blocks.allocations(), 1u);
    EXPECT_EQ(Node::allocations.load(), 1u);
  }
  EXPECT_EQ(arc_blocks.live_blocks(), 0u);
  EXPECT_EQ(Node::deallocations.load(), 1u);
  static_assert(sizeof(std::shared_ptr<int>) == 2 * sizeof(void*));
  static_assert(sizeof(mw::Arc<int>) == sizeof(void*));
}

}  // namespace
