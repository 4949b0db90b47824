// Hidden tests for mw::MaybeUninit: no implicit construction or destruction of T, explicit
// write / assume_init / assume_init_drop / as_ptr, and the copy and layout properties.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include "fixture.hpp"
#include "maybe_uninit.hpp"

namespace {

struct alignas(64) Wide {
  int value = 0;
};

/// Checks that a copy of `slot` holds `value`. A template, so that the suite still compiles
/// (and this check fails) when M is not copyable.
template <class M>
void expect_copy_keeps(const M& slot, int value) {
  if constexpr (std::is_copy_constructible_v<M>) {
    M copy = slot;
    EXPECT_EQ(copy.assume_init(), value);
  } else {
    ADD_FAILURE() << "MaybeUninit<int> must be copyable";
  }
}

using MaybeUninit = SmallVecTest;

// A MaybeUninit constructs nothing until write, which constructs exactly once and returns
// the value; assume_init_drop destroys exactly once; kills a plain `T value_` member or a
// default-constructed value (MaybeUninit running T's constructor).
TEST_F(MaybeUninit, WriteConstructsOnceAndDropDestroysOnce) {
  mw::MaybeUninit<Instrumented> slot;
  EXPECT_EQ(constructed(), 0u);
  Instrumented& value = slot.write(7);
  EXPECT_EQ(constructed(), 1u);
  EXPECT_EQ(copies() + moves(), 0u);
  EXPECT_EQ(value.value(), 7);
  EXPECT_EQ(&value, slot.as_ptr());
  EXPECT_EQ(&slot.assume_init(), &value);
  EXPECT_EQ(std::as_const(slot).assume_init().value(), 7);
  slot.assume_init_drop();
  EXPECT_EQ(destroyed(), 1u);
}

// Destroying a MaybeUninit that holds a value does not destroy the value (Rust: no drop
// glue); kills a destructor that calls ~T.
TEST_F(MaybeUninit, DestructorNeverDestroysTheValue) {
  {
    mw::MaybeUninit<Instrumented> slot;
    slot.write(3);
  }
  EXPECT_EQ(constructed(), 1u);
  EXPECT_EQ(destroyed(), 0u);
  Instrumented::reset();  // the value was forgotten on purpose (it owns nothing)
}

// An array of MaybeUninit is built without constructing any T, and filled slot by slot;
// kills a default constructor or array initialisation that runs T's constructor.
TEST_F(MaybeUninit, ArrayIsFilledAndDroppedSlotBySlot) {
  mw::MaybeUninit<Instrumented> slots[5];
  EXPECT_EQ(constructed(), 0u);
  for (int i = 0; i < 3; ++i) slots[i].write(i * 10);
  EXPECT_EQ(constructed(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(slots[i].assume_init().value(), i * 10);
  for (int i = 0; i < 3; ++i) slots[i].assume_init_drop();
  EXPECT_EQ(destroyed(), 3u);
}

// A write whose constructor throws leaves the slot empty and reusable; kills counting or
// marking a value that never came to life.
TEST_F(MaybeUninit, ThrowingWriteLeavesTheSlotEmpty) {
  mw::MaybeUninit<Instrumented> slot;
  Instrumented::throw_after(1);
  EXPECT_THROW(slot.write(1), mwtest::InstrumentedError);
  EXPECT_EQ(alive(), 0);
  slot.write(2);
  EXPECT_EQ(slot.assume_init().value(), 2);
  slot.assume_init_drop();
}

// as_ptr is the slot's address before any write (std::construct_at can fill it) and is
// aligned for an over-aligned T; kills storage without T's alignment.
TEST_F(MaybeUninit, AsPtrIsTheAlignedSlotBeforeAnyWrite) {
  mw::MaybeUninit<Wide> wide[3];
  for (auto& slot : wide) EXPECT_EQ(reinterpret_cast<std::uintptr_t>(slot.as_ptr()) % 64, 0u);
  mw::MaybeUninit<Instrumented> slot;
  std::construct_at(slot.as_ptr(), 9);
  EXPECT_EQ(slot.assume_init().value(), 9);
  slot.assume_init_drop();
  EXPECT_EQ(alive(), 0);
}

// MaybeUninit<T> has T's size and alignment, is trivially copyable (a bytewise copy keeps
// the value) exactly when T is, and is not copyable otherwise; kills a flag or padding
// added to the layout and bytewise copies of values that own resources.
TEST_F(MaybeUninit, CopiesAndLayoutFollowT) {
  mw::MaybeUninit<int> a;
  a.write(5);
  expect_copy_keeps(a, 5);
  EXPECT_TRUE(std::is_trivially_copyable_v<mw::MaybeUninit<int>>);
  EXPECT_TRUE(std::is_trivially_destructible_v<mw::MaybeUninit<int>>);
  EXPECT_TRUE(std::is_copy_assignable_v<mw::MaybeUninit<int>>);
  EXPECT_FALSE(std::is_copy_constructible_v<mw::MaybeUninit<std::string>>);
  EXPECT_FALSE(std::is_copy_assignable_v<mw::MaybeUninit<std::string>>);
  EXPECT_FALSE(std::is_trivially_copyable_v<mw::MaybeUninit<Instrumented>>);
  EXPECT_EQ(sizeof(mw::MaybeUninit<Wide>), sizeof(Wide));
  EXPECT_EQ(alignof(mw::MaybeUninit<Wide>), alignof(Wide));
  EXPECT_EQ(sizeof(mw::MaybeUninit<std::string>), sizeof(std::string));
}

}  // namespace
