// Hidden tests for PinnedBox, Pin and Unmovable: in-place construction, address stability,
// ownership, and — through concepts — the operations that must not compile.
#include <gtest/gtest.h>

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include <mwtest/instrumented.hpp>

#include "machine.hpp"
#include "message.hpp"
#include "pin.hpp"
#include "support.hpp"

namespace {

using mwtest::Instrumented;
using mwtest::life_counts;
using suite::Anchor;
using suite::Tracer;

class PinnedBox : public ::testing::Test {
 protected:
  void SetUp() override { Instrumented::reset(); }
};

/// A struct that is pinned at no cost in space.
struct Tiny {
  int value;
  [[no_unique_address]] mw::Unmovable pinned;
};

// make_pinned builds the value in the box: no move, no copy, the constructor's `this` is the
// final address, and a non-movable type works; kills building a temporary and moving it in.
TEST_F(PinnedBox, MakePinnedBuildsTheValueInPlace) {
  auto traced = mw::make_pinned<Tracer>(7);
  EXPECT_TRUE(traced->at_home());
  EXPECT_EQ(traced->value, 7);
  auto counted = mw::make_pinned<Instrumented>(3);
  EXPECT_EQ(counted->value(), 3);
  EXPECT_EQ(life_counts().constructed, 1u);
  EXPECT_EQ(life_counts().moves + life_counts().copies, 0u);
  auto anchored = mw::make_pinned<Anchor>(5);
  EXPECT_TRUE(anchored->at_home());
}

// pin_from puts the prvalue a factory returns straight into the box (guaranteed copy elision),
// also for a non-movable type; kills calling the factory into a local and moving it in.
TEST_F(PinnedBox, PinFromBuildsTheFactoryResultInPlace) {
  auto anchored = mw::pin_from([] { return Anchor(9); });
  static_assert(std::same_as<decltype(anchored), mw::PinnedBox<Anchor>>,
                "pin_from returns a box of the factory's result type");
  EXPECT_TRUE(anchored->at_home());
  EXPECT_EQ(anchored->value, 9);
  auto counted = mw::pin_from([] { return Instrumented(4); });
  EXPECT_EQ(counted->value(), 4);
  EXPECT_EQ(life_counts().constructed, 1u);
}

// A value whose constructor (or factory) throws leaves no memory behind: LeakSanitizer checks;
// kills allocating raw memory and constructing in it without freeing it on a throw.
TEST_F(PinnedBox, ThrowingConstructorLeaksNothing) {
  Instrumented::throw_after(1);
  EXPECT_THROW(mw::make_pinned<Instrumented>(1), mwtest::InstrumentedError);
  Instrumented::throw_after(1);
  EXPECT_THROW(mw::pin_from([] { return Instrumented(2); }), mwtest::InstrumentedError);
  EXPECT_EQ(life_counts().alive(), 0);
}

// Moving the box (construction and assignment) hands over the pointer: the value keeps its
// address and is never moved; the source is empty; kills a box that stores T by value.
TEST_F(PinnedBox, MovingTheBoxNeverMovesTheValue) {
  auto first = mw::make_pinned<Instrumented>(1);
  const Instrumented* address = first.get();
  mw::PinnedBox<Instrumented> second(std::move(first));
  EXPECT_FALSE(first);  // NOLINT(bugprone-use-after-move): a moved-from box is documented empty
  ASSERT_TRUE(second);
  EXPECT_EQ(second.get(), address);
  auto third = mw::make_pinned<Instrumented>(2);
  third = std::move(second);
  EXPECT_EQ(third.get(), address);
  EXPECT_EQ(third->value(), 1);
  EXPECT_EQ(life_counts().moves + life_counts().copies, 0u);
}

// A vector of boxes that reallocates many times moves the boxes, never the values: every
// value stays at its first address; kills storing T by value (or a non-stable copy of it).
TEST_F(PinnedBox, VectorReallocationKeepsEveryAddress) {
  std::vector<mw::PinnedBox<Tracer>> boxes;
  std::vector<const Tracer*> addresses;
  for (int i = 0; i < 100; ++i) {
    boxes.push_back(mw::make_pinned<Tracer>(i));
    addresses.push_back(boxes.back().get());
  }
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(boxes[i].get(), addresses[i]);
    EXPECT_TRUE(boxes[i]->at_home());
    EXPECT_EQ(boxes[i]->value, i);
  }
}

// Every value is destroyed exactly once: by the last owner, by a move assignment over it, and
// not at all by a self-move; kills leaks, double deletes and a self-move that deletes.
TEST_F(PinnedBox, DestroysItsValueExactlyOnce) {
  {
    auto kept = mw::make_pinned<Instrumented>(1);
    auto replaced = mw::make_pinned<Instrumented>(2);
    replaced = std::move(kept);
    EXPECT_EQ(life_counts().destroyed, 1u);
    auto& alias = replaced;  // a self-move through an alias, as generic code can do
    replaced = std::move(alias);
    EXPECT_EQ(life_counts().destroyed, 1u);
    ASSERT_TRUE(replaced);
    EXPECT_EQ(replaced->value(), 1);
    mw::PinnedBox<Instrumented> last(std::move(replaced));
  }
  EXPECT_EQ(life_counts().destroyed, 2u);
  EXPECT_EQ(life_counts().alive(), 0);
}

/// Records, in the destructor of the value with id 1, what the two boxes of a move assignment
/// hold at that moment.
struct OrderWitness {
  explicit OrderWitness(int id) : id(id) {}
  OrderWitness(const OrderWitness&) = delete;
  OrderWitness& operator=(const OrderWitness&) = delete;
  ~OrderWitness();
  int id;
};
const mw::PinnedBox<OrderWitness>* witness_target = nullptr;
const mw::PinnedBox<OrderWitness>* witness_source = nullptr;
bool witness_ran = false;
const OrderWitness* witness_saw_in_target = nullptr;
const OrderWitness* witness_saw_in_source = nullptr;
OrderWitness::~OrderWitness() {
  if (id != 1 || witness_target == nullptr) return;
  witness_ran = true;
  witness_saw_in_target = witness_target->get();
  witness_saw_in_source = witness_source->get();
}

// `a = std::move(b)` takes over b's value first (b empty), then destroys a's old value, as
// std::unique_ptr does (README): the old value's destructor sees a holding the new value.
// kills: destroying the old value first, then taking over (the order the header once gave).
TEST_F(PinnedBox, MoveAssignmentTakesTheNewValueBeforeDestroyingTheOld) {
  auto target = mw::make_pinned<OrderWitness>(1);
  auto source = mw::make_pinned<OrderWitness>(2);
  const OrderWitness* incoming = source.get();
  witness_target = &target;
  witness_source = &source;
  witness_ran = false;
  target = std::move(source);
  witness_target = witness_source = nullptr;
  ASSERT_TRUE(witness_ran) << "the old value must be destroyed by the assignment";
  EXPECT_EQ(witness_saw_in_target, incoming) << "the box must already hold the new value";
  EXPECT_EQ(witness_saw_in_source, nullptr) << "the source must already be empty";
  EXPECT_EQ(target.get(), incoming);
}

// A box is one owner: movable without throwing (so vectors move it), never copyable; kills a
// throwing or missing move and a shallow copy that would delete the value twice.
TEST_F(PinnedBox, IsMovableButNotCopyable) {
  using Box = mw::PinnedBox<Anchor>;
  EXPECT_TRUE(std::is_nothrow_move_constructible_v<Box>);
  EXPECT_TRUE(std::is_nothrow_move_assignable_v<Box>);
  EXPECT_FALSE(std::is_copy_constructible_v<Box>);
  EXPECT_FALSE(std::is_copy_assignable_v<Box>);
  Box box = mw::make_pinned<Anchor>(1);
  EXPECT_TRUE(box->at_home());
}

// get_mut (Rust's Pin::get_mut) exists only for Unpin values, and `*box` is shared access; kills
// handing out a mutable reference to a pinned value.
TEST_F(PinnedBox, GetMutOnlyForUnpinValues) {
  EXPECT_TRUE(suite::BoxGivesMutable<int>);
  EXPECT_FALSE(suite::BoxGivesMutable<Anchor>);
  EXPECT_FALSE(suite::BoxGivesMutable<mw::RecordReader>);
  static_assert(std::same_as<decltype(*std::declval<mw::PinnedBox<int>&>()), const int&>,
                "*box gives shared access: mutate through get_mut or a Pin");
  auto box = mw::make_pinned<int>(1);
  box.get_mut() = 2;
  EXPECT_EQ(*box, 2);
}

// Unmovable deletes copy and move, so its owners (Anchor, Message, RecordReader) can be neither
// copied nor moved, are not Unpin, and pay no space for it; kills a copyable pinned type.
TEST(Unmovable, MakesItsOwnerNeitherCopyableNorMovable) {
  EXPECT_FALSE(std::is_copy_constructible_v<mw::Unmovable>);
  EXPECT_FALSE(std::is_move_constructible_v<Anchor>);
  EXPECT_FALSE(std::is_copy_assignable_v<Anchor>);
  EXPECT_FALSE(std::is_move_assignable_v<Anchor>);
  EXPECT_FALSE(std::is_move_constructible_v<mw::Message>);
  EXPECT_FALSE(std::is_move_assignable_v<mw::Message>);
  EXPECT_FALSE(std::is_move_constructible_v<mw::RecordReader>);
  EXPECT_FALSE(std::is_move_assignable_v<mw::RecordReader>);
  EXPECT_FALSE(mw::Unpin<Anchor>);
  EXPECT_TRUE(mw::Unpin<Tracer>);
  EXPECT_EQ(sizeof(Tiny), sizeof(int));
  auto box = mw::make_pinned<Tiny>(3);
  EXPECT_EQ(box->value, 3);
}

// Pin::from_unpin (Rust's Pin::new) takes a reference only to an Unpin value, and no other way
// turns a plain reference or pointer into a Pin; kills pinning a movable-in-place reference.
TEST(Pin, OnlyUnpinValuesArePinnedFromAReference) {
  EXPECT_TRUE(suite::PinnableFromReference<int>);
  EXPECT_FALSE(suite::PinnableFromReference<Anchor>);
  EXPECT_FALSE(suite::PinnableFromReference<mw::RecordReader>);
  EXPECT_FALSE((std::is_constructible_v<mw::Pin<Anchor>, Anchor&>));
  EXPECT_FALSE((std::is_constructible_v<mw::Pin<Anchor>, Anchor*>));
  int x = 1;
  auto pin = mw::Pin<int>::from_unpin(x);
  pin.get_mut() = 2;
  EXPECT_EQ(x, 2);
  EXPECT_EQ(&pin.get(), &x);
}

// A Pin gives shared access, a mutable reference only for Unpin values (or unchecked), always to
// the same object; kills a Pin whose get/-> hands out a movable T&.
TEST(Pin, GivesSharedAccessAndMutableOnlyWhenUnpin) {
  EXPECT_TRUE(suite::PinGivesMutable<int>);
  EXPECT_FALSE(suite::PinGivesMutable<Anchor>);
  static_assert(std::same_as<decltype(std::declval<mw::Pin<Anchor>&>().get()), const Anchor&>,
                "Pin::get gives shared access");
  static_assert(
      std::same_as<decltype(std::declval<mw::Pin<Anchor>&>().operator->()), const Anchor*>,
      "Pin::operator-> gives shared access");
  auto box = mw::make_pinned<Anchor>(4);
  auto pin = box.as_pin();
  EXPECT_EQ(&pin.get(), box.get());
  EXPECT_EQ(pin->value, 4);
  pin.get_unchecked_mut().value = 5;
  EXPECT_EQ(box->value, 5);
}

// Projection through a pinned struct gives Pin<F> for a non-movable field and F& for an Unpin
// one, both at the field's own address; kills projecting a pinned field to a plain reference.
TEST(Pin, ProjectionPinsTheNonMovableFieldsOnly) {
  using suite::Session;
  auto box = mw::make_pinned<Session>();
  auto session = box.as_pin();
  decltype(auto) reader = session.project(&Session::reader);
  decltype(auto) polls = session.project(&Session::polls);
  EXPECT_TRUE((std::same_as<decltype(reader), mw::Pin<mw::RecordReader>>))
      << "a non-movable field must project to a Pin";
  EXPECT_TRUE((std::same_as<decltype(polls), int&>)) << "an Unpin field projects to a reference";
  EXPECT_EQ(suite::target_of(reader), &box->reader);
  EXPECT_EQ(suite::target_of(polls), &box->polls);
}

}  // namespace
