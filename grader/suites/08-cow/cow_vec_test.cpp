// Hidden suite for 08-cow: CowVec<T>, an implicitly shared vector.
#include <gtest/gtest.h>

#include <cstddef>
#include <mwtest/instrumented.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "allocation_counter.hpp"
#include "cow_vec.hpp"

namespace {

using cowtest::AllocationCounter;
using mw::CowVec;
using mwtest::Instrumented;
using mwtest::life_counts;

// Elements valued first, first + 1, ...: built before a test resets the counters.
std::vector<Instrumented> numbered(int count, int first = 0) {
  std::vector<Instrumented> items;
  items.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) items.emplace_back(first + i);
  return items;
}

// The values held, in order.
template <class T>
std::vector<int> values(const CowVec<T>& vec) {
  std::vector<int> out;
  for (const T& item : vec) {
    if constexpr (std::is_same_v<T, Instrumented>) {
      out.push_back(item.value());
    } else {
      out.push_back(item);
    }
  }
  return out;
}

// Every test starts and ends with balanced Instrumented lives: nothing leaked or destroyed twice.
class CowVecTest : public ::testing::Test {
 protected:
  void SetUp() override { Instrumented::reset(); }
  void TearDown() override { EXPECT_EQ(life_counts().alive(), 0) << "Instrumented leaked"; }
};

// A copy shares the buffer: no allocation, no element copy (kills deep copying on copy).
TEST_F(CowVecTest, CopyIsConstantTime) {
  const CowVec<Instrumented> original(numbered(1000));
  const std::size_t copies_before = life_counts().copies;
  AllocationCounter counter;
  const CowVec<Instrumented> copy = original;
  CowVec<Instrumented> assigned;
  assigned = copy;
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(life_counts().copies, copies_before);
  EXPECT_EQ(copy.data(), original.data());
  EXPECT_EQ(assigned.data(), original.data());
  EXPECT_EQ(original.use_count(), 3u);
  EXPECT_TRUE(copy.is_shared());
}

// Reading a shared CowVec never detaches it (kills reads that call make_mut).
TEST_F(CowVecTest, ReadsNeverDetach) {
  CowVec<int> original{1, 2, 3};
  CowVec<int> copy = original;
  AllocationCounter counter;
  int sum = 0;
  for (const int item : copy) sum += item;
  sum += copy[0] + original[2];
  const std::size_t size = copy.size() + original.size();
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(sum, 10);
  EXPECT_EQ(size, 6u);
  EXPECT_EQ(copy.data(), original.data());
  EXPECT_EQ(copy.use_count(), 2u);
  EXPECT_FALSE(copy.empty());
}

// A write through the copy is not seen through the original, nor through a reference taken
// before the copy (kills writes that do not detach).
TEST_F(CowVecTest, WriteThroughCopyDoesNotShowInOriginal) {
  CowVec<int> original{1, 2, 3};
  const int& first = original[0];
  CowVec<int> copy = original;
  copy.set(0, 10);
  copy.push_back(4);
  copy.make_mut()[1] = 20;
  EXPECT_EQ(values(original), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(first, 1);
  EXPECT_EQ(values(copy), (std::vector<int>{10, 20, 3, 4}));
  EXPECT_NE(copy.data(), original.data());
}

// A write through the original is not seen through the copy (kills detaching only the newer
// handle).
TEST_F(CowVecTest, WriteThroughOriginalDoesNotShowInCopy) {
  CowVec<int> original{1, 2, 3};
  const CowVec<int> copy = original;
  const int& first_of_copy = copy[0];
  original.set(0, 10);
  original.push_back(4);
  original.make_mut()[1] = 20;
  EXPECT_EQ(values(copy), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(first_of_copy, 1);
  EXPECT_EQ(values(original), (std::vector<int>{10, 20, 3, 4}));
}

// The first write on a shared CowVec copies each element once; later writes copy none (kills
// copying twice, or detaching on every write).
TEST_F(CowVecTest, FirstWriteCopiesEachElementOnce) {
  const CowVec<Instrumented> original(numbered(8));
  CowVec<Instrumented> copy = original;
  const std::size_t copies_before = life_counts().copies;
  copy.make_mut();
  EXPECT_EQ(life_counts().copies - copies_before, 8u);
  EXPECT_FALSE(copy.is_shared());
  EXPECT_FALSE(original.is_shared());

  const std::size_t copies_after_detach = life_counts().copies;
  AllocationCounter counter;
  copy.make_mut()[3] = Instrumented(30);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(life_counts().copies, copies_after_detach);
  EXPECT_EQ(original[3].value(), 3);
  EXPECT_EQ(copy[3].value(), 30);
}

// Writes on an unshared CowVec change it in place, including once its copies are gone (kills
// detaching when unique, and destructors that do not give their reference back).
TEST_F(CowVecTest, WriteOnUniqueDoesNotAllocate) {
  CowVec<int> vec{1, 2, 3};
  {
    const CowVec<int> copy = vec;
    CowVec<int> assigned{7};
    assigned = vec;
    EXPECT_EQ(vec.use_count(), 3u);
  }
  ASSERT_EQ(vec.use_count(), 1u);
  const int* buffer = vec.data();
  AllocationCounter counter;
  vec.set(0, 10);
  vec.make_mut()[1] = 20;
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(vec.data(), buffer);
  EXPECT_EQ(values(vec), (std::vector<int>{10, 20, 3}));
}

// Detaching gives the old buffer's reference back: its other owner is unique again and the last
// owner frees it (kills a detach that does not decrement, which leaks).
TEST_F(CowVecTest, DetachReleasesTheSharedBuffer) {
  std::optional<CowVec<Instrumented>> original(CowVec<Instrumented>(numbered(4)));
  CowVec<Instrumented> copy = *original;
  copy.set(0, Instrumented(40));
  EXPECT_EQ(copy.use_count(), 1u);
  EXPECT_EQ(original->use_count(), 1u);
  EXPECT_EQ(life_counts().alive(), 8);
  original.reset();
  EXPECT_EQ(life_counts().alive(), 4);
  EXPECT_EQ(values(copy), (std::vector<int>{40, 1, 2, 3}));
}

// Copy assignment gives up the old buffer, destroying it when it was the last owner (kills an
// assignment that forgets the old reference).
TEST_F(CowVecTest, AssignmentReleasesTheOldBuffer) {
  CowVec<Instrumented> target(numbered(3));
  const CowVec<Instrumented> source(numbered(5, 10));
  EXPECT_EQ(life_counts().alive(), 8);
  target = source;
  EXPECT_EQ(life_counts().alive(), 5);
  EXPECT_EQ(target.use_count(), 2u);
  EXPECT_EQ(values(target), (std::vector<int>{10, 11, 12, 13, 14}));

  CowVec<Instrumented> shared = source;
  shared = CowVec<Instrumented>(numbered(2, 20));  // a move assignment
  EXPECT_EQ(source.use_count(), 2u);
  EXPECT_EQ(life_counts().alive(), 7);
}

// Assigning a CowVec to itself keeps its values and its count, unique or shared (kills releasing
// before taking the new reference).
TEST_F(CowVecTest, SelfAssignmentKeepsTheValues) {
  CowVec<Instrumented> vec(numbered(3));
  CowVec<Instrumented>& same = vec;
  vec = same;
  EXPECT_EQ(vec.use_count(), 1u);
  EXPECT_EQ(values(vec), (std::vector<int>{0, 1, 2}));

  const CowVec<Instrumented> copy = vec;
  vec = same;
  EXPECT_EQ(vec.use_count(), 2u);
  vec = copy;
  EXPECT_EQ(vec.use_count(), 2u);
  EXPECT_EQ(values(vec), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(life_counts().alive(), 3);
}

// Moving a CowVec into itself neither frees nor leaks its elements and leaves it usable, kept or
// emptied (kills a move assignment that releases the node it then keeps).
TEST_F(CowVecTest, SelfMoveAssignmentLeavesAUsableVector) {
  CowVec<Instrumented> vec(numbered(3));
  CowVec<Instrumented>& same = vec;
  vec = std::move(same);
  if (!vec.empty()) {
    EXPECT_EQ(values(vec), (std::vector<int>{0, 1, 2}));  // kept or emptied are both fine
    EXPECT_EQ(vec.use_count(), 1u);
  }
  vec.push_back(Instrumented(7));
  EXPECT_EQ(vec[vec.size() - 1].value(), 7);
  vec = CowVec<Instrumented>();
  EXPECT_EQ(life_counts().alive(), 0);
}

// The elements live until the last owner goes, and are destroyed once, whatever the order
// (kills decrementing twice, a use after free, and freeing early).
TEST_F(CowVecTest, LastOwnerDestroysTheElementsOnce) {
  auto first = std::make_optional<CowVec<Instrumented>>(numbered(6));
  auto second = std::make_optional<CowVec<Instrumented>>(*first);
  auto third = std::make_optional<CowVec<Instrumented>>(*second);
  EXPECT_EQ(first->use_count(), 3u);
  second.reset();
  EXPECT_EQ(third->use_count(), 2u);
  first.reset();
  EXPECT_EQ(third->use_count(), 1u);
  EXPECT_EQ(life_counts().alive(), 6);
  EXPECT_EQ(values(*third), (std::vector<int>{0, 1, 2, 3, 4, 5}));
  third.reset();
  EXPECT_EQ(life_counts().alive(), 0);
  EXPECT_EQ(life_counts().destroyed, life_counts().constructed);
}

// A copy that throws while detaching leaves both CowVecs as they were, sharing, with nothing
// leaked (kills decrementing or switching buffers before the copy has succeeded).
TEST_F(CowVecTest, ThrowingDetachLeavesBothUnchanged) {
  const CowVec<Instrumented> original(numbered(6));
  CowVec<Instrumented> copy = original;
  const long alive_before = life_counts().alive();
  Instrumented::throw_after(4);
  EXPECT_THROW(copy.make_mut(), mwtest::InstrumentedError);
  Instrumented::throw_after(0);
  EXPECT_EQ(life_counts().alive(), alive_before);
  EXPECT_EQ(copy.data(), original.data());
  EXPECT_EQ(original.use_count(), 2u);
  EXPECT_EQ(values(copy), (std::vector<int>{0, 1, 2, 3, 4, 5}));

  copy.set(0, Instrumented(60));  // the count is still right: this detaches
  EXPECT_EQ(values(original), (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(copy[0].value(), 60);
}

// Default construction and moves allocate nothing; a moved-from CowVec is empty and usable
// (kills a move that copies or leaves the source sharing).
TEST_F(CowVecTest, MovesAndEmptyVectorsAllocateNothing) {
  CowVec<int> source{1, 2, 3};
  const int* buffer = source.data();
  AllocationCounter counter;
  CowVec<int> empty;
  CowVec<int> moved = std::move(source);
  CowVec<int> assigned;
  assigned = std::move(moved);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(assigned.data(), buffer);
  EXPECT_EQ(assigned.use_count(), 1u);
  EXPECT_EQ(empty.use_count(), 0u);
  EXPECT_EQ(source.size(), 0u);      // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_EQ(moved.use_count(), 0u);  // NOLINT(bugprone-use-after-move)
  source.push_back(7);
  EXPECT_EQ(values(source), (std::vector<int>{7}));
  EXPECT_EQ(values(assigned), (std::vector<int>{1, 2, 3}));
}

}  // namespace
