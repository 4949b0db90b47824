// Hidden tests for mw::SelfRef: the dependent stays valid through moves and vector
// reallocation, the owner never moves, and the dependent always dies before its owner.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <mwtest/instrumented.hpp>

#include "self_ref.hpp"

namespace {

using mwtest::Instrumented;

/// Returns: the text up to the first space (a view into `text`).
std::string_view first_word(const std::string& text) {
  return std::string_view(text).substr(0, text.find(' '));
}

// Short strings live inside the std::string object (the small-string buffer): a view into
// one dangles as soon as the string object moves, which is what makes an inline owner fail.
using Words = mw::SelfRef<std::string, std::string_view>;

Words make_words(std::string text) {
  return Words::make(std::move(text), first_word);
}

/// What happened, in order: "dependent:<id>" and "owner:<id>" as each is destroyed.
std::vector<std::string>& events() {
  static std::vector<std::string> log;
  return log;
}

/// An owner that logs its destruction; `id` is an Instrumented so its moves are counted.
struct Owner {
  explicit Owner(int value) : id(value) {}
  ~Owner() {
    if (id.value() >= 0) events().push_back("owner:" + std::to_string(id.value()));
  }
  Owner(Owner&&) = default;
  Instrumented id;
};

/// A dependent that reads its owner when destroyed: if the owner is already gone, it logs
/// the poison (-2) or moved-from (-1) value, or ASan reports the read.
struct Watcher {
  explicit Watcher(const Owner& owner) : owner(&owner) {}
  Watcher(Watcher&& other) noexcept : owner(std::exchange(other.owner, nullptr)) {}
  ~Watcher() {
    if (owner != nullptr) events().push_back("dependent:" + std::to_string(owner->id.value()));
  }
  const Owner* owner;
};

using Watched = mw::SelfRef<Owner, Watcher>;

Watched make_watched(int id) {
  return Watched::make(Owner(id), [](const Owner& owner) { return Watcher(owner); });
}

/// A dependent whose move is a plain copy of its pointer and whose destructor reads the owner:
/// a copy of it left alive after the owner is freed is a heap-use-after-free for ASan.
struct Peeker {
  explicit Peeker(const Owner& owner) : owner(&owner) {}
  ~Peeker() { last_peek = owner->id.value(); }
  const Owner* owner;
  static inline int last_peek = 0;
};

using Peeked = mw::SelfRef<Owner, Peeker>;

class SelfRefTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Instrumented::reset();
    events().clear();
  }
};

using SelfRef = SelfRefTest;

// The dependent is built from the owner and borrows from it.
TEST_F(SelfRef, DependentBorrowsFromTheOwner) {
  const auto words = make_words("hello world");
  EXPECT_EQ(words.owner(), "hello world");
  EXPECT_EQ(words.with_dependent([](std::string_view v) { return v; }), "hello");
  EXPECT_EQ(words.with_dependent([](std::string_view v) { return v.data(); }),
            words.owner().data());
  EXPECT_FALSE(words.empty());
}

// Moving the wrapper leaves the owner at the same address and the dependent pointing into it;
// kills an owner stored inline in the wrapper (the view then points into the moved-from one).
TEST_F(SelfRef, MoveKeepsTheOwnerInPlace) {
  auto a = make_words("tiny one");
  const std::string* owner = &a.owner();
  auto b = std::move(a);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(&b.owner(), owner);
  a = make_words("other text");  // reuse a's storage: a stale view would now read "other"
  EXPECT_EQ(b.with_dependent([](std::string_view v) { return std::string(v); }), "tiny");
  EXPECT_EQ(b.with_dependent([](std::string_view v) { return v.data(); }), b.owner().data());
}

// Wrappers in a vector that reallocates many times keep valid dependents; kills an inline
// owner (ASan: the view reads the freed old buffer) and a dependent rebuilt from a copy.
TEST_F(SelfRef, VectorReallocationKeepsDependentsValid) {
  std::vector<Words> all;
  std::vector<const std::string*> owners;
  for (int i = 0; i < 300; ++i) {
    all.push_back(make_words("w" + std::to_string(i) + " x"));
    owners.push_back(&all.back().owner());
  }
  for (int i = 0; i < 300; ++i) {
    const auto& words = all[static_cast<std::size_t>(i)];
    EXPECT_EQ(&words.owner(), owners[static_cast<std::size_t>(i)]);
    EXPECT_EQ(words.with_dependent([](std::string_view v) { return std::string(v); }),
              "w" + std::to_string(i));
    EXPECT_EQ(words.with_dependent([](std::string_view v) { return v.data(); }),
              words.owner().data());
  }
}

// The owner is moved once into place and never again, however often the wrapper moves; and
// every owner is destroyed exactly once; kills an owner moved along with the wrapper.
TEST_F(SelfRef, WrapperMovesNeverMoveTheOwner) {
  {
    std::vector<Watched> all;
    for (int i = 0; i < 50; ++i) all.push_back(make_watched(i));
    const std::size_t moves = mwtest::life_counts().moves;
    EXPECT_LE(moves, 2u * 50u);  // Owner(id) into the parameter, then into its block
    auto moved = std::move(all);
    all.clear();
    std::vector<Watched> again;
    for (auto& w : moved) again.push_back(std::move(w));
    EXPECT_EQ(mwtest::life_counts().moves, moves);
    EXPECT_EQ(mwtest::life_counts().alive(), 50);
  }
  EXPECT_EQ(mwtest::life_counts().alive(), 0);
}

// The destructor destroys the dependent while its owner is still intact, then the owner;
// kills the reverse order (members declared the wrong way round, or reset owner first).
TEST_F(SelfRef, DependentIsDestroyedBeforeTheOwner) {
  { const auto w = make_watched(7); }
  EXPECT_EQ(events(), (std::vector<std::string>{"dependent:7", "owner:7"}));
}

// Move assignment drops the old pair in the right order and takes the new one; kills a
// defaulted move assignment (it replaces the owner first, while the old dependent lives).
TEST_F(SelfRef, MoveAssignmentDropsTheOldPairInOrder) {
  auto a = make_watched(1);
  auto b = make_watched(2);
  a = std::move(b);
  EXPECT_EQ(events(), (std::vector<std::string>{"dependent:1", "owner:1"}));
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(a.owner().id.value(), 2);
  EXPECT_EQ(a.with_dependent([](const Watcher& w) { return w.owner; }), &a.owner());
  events().clear();
  { auto gone = std::move(a); }
  EXPECT_EQ(events(), (std::vector<std::string>{"dependent:2", "owner:2"}));
  EXPECT_EQ(mwtest::life_counts().alive(), 0);
}

// A moved-from wrapper keeps no dependent: the dependent must not outlive the owner it borrowed
// from, which the wrapper moved into may free first; kills a defaulted move constructor (a
// moved-from std::optional is still engaged).
TEST_F(SelfRef, MovedFromWrapperKeepsNoDependent) {
  std::optional<Peeked> a(Peeked::make(Owner(8), [](const Owner& owner) { return Peeker(owner); }));
  { const Peeked b = std::move(*a); }  // b's dependent, then b's owner, are gone
  EXPECT_EQ(Peeker::last_peek, 8);
  EXPECT_TRUE(a->empty());
  a.reset();  // a dependent left in `a` reads the freed owner here
  EXPECT_EQ(mwtest::life_counts().alive(), 0);
}

// Assigning a wrapper to itself keeps its pair; kills dropping the pair before noticing that
// the source is the same object.
TEST_F(SelfRef, SelfMoveAssignmentKeepsThePair) {
  auto a = make_words("self test");
  auto& alias = a;
  a = std::move(alias);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.with_dependent([](std::string_view v) { return std::string(v); }), "self");
}

// A builder that throws leaves nothing alive or allocated (LSan checks the block); kills a
// raw `new Owner` that leaks when the dependent cannot be built.
TEST_F(SelfRef, ThrowingBuilderLeaksNothing) {
  EXPECT_THROW(
      Watched::make(Owner(3), [](const Owner&) -> Watcher { throw std::runtime_error("no"); }),
      std::runtime_error);
  EXPECT_EQ(mwtest::life_counts().alive(), 0);
  EXPECT_EQ(events(), (std::vector<std::string>{"owner:3"}));
}

// into_owner destroys the dependent first, then hands the owner back intact and empties the
// wrapper; kills moving the owner out while the dependent still watches it.
TEST_F(SelfRef, IntoOwnerDropsTheDependentFirst) {
  auto w = make_watched(5);
  Owner owner = std::move(w).into_owner();
  EXPECT_EQ(events(), (std::vector<std::string>{"dependent:5"}));
  EXPECT_EQ(owner.id.value(), 5);
  EXPECT_TRUE(w.empty());
  EXPECT_EQ(mwtest::life_counts().alive(), 1);
}

/// A cursor over the owner's numbers: the mutable part of a dependent.
struct Cursor {
  std::span<const int> rest;
};

// with_dependent_mut may change the dependent (advance a cursor) and returns f's result, while
// the owner stays read-only; kills calling f on a copy of the dependent.
TEST_F(SelfRef, WithDependentMutChangesTheDependent) {
  auto numbers = mw::SelfRef<std::vector<int>, Cursor>::make(
      std::vector<int>{10, 20, 30}, [](const std::vector<int>& v) { return Cursor{v}; });
  static_assert(std::is_same_v<decltype(numbers.owner()), const std::vector<int>&>,
                "the owner is read-only while the dependent borrows it");
  const auto next = [](Cursor& c) {
    const int front = c.rest.front();
    c.rest = c.rest.subspan(1);
    return front;
  };
  EXPECT_EQ(numbers.with_dependent_mut(next), 10);
  EXPECT_EQ(numbers.with_dependent_mut(next), 20);
  auto moved = std::move(numbers);
  EXPECT_EQ(moved.with_dependent([](const Cursor& c) { return c.rest.size(); }), 1u);
  EXPECT_EQ(moved.with_dependent_mut(next), 30);
  EXPECT_EQ(moved.owner().size(), 3u);
}

// The wrapper cannot be copied (two copies would share one owner block) and moves without
// throwing (so vector reallocation moves rather than copies).
TEST_F(SelfRef, IsMoveOnlyAndNothrowMovable) {
  static_assert(!std::is_copy_constructible_v<Words> && !std::is_copy_assignable_v<Words>,
                "a copy would share or duplicate the owner");
  EXPECT_TRUE(std::is_nothrow_move_constructible_v<Words>);
  EXPECT_TRUE(std::is_nothrow_move_assignable_v<Words>);
  auto words = make_words("a b");
  EXPECT_EQ(words.with_dependent([](std::string_view v) { return v.size(); }), 1u);
}

}  // namespace
