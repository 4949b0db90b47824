// Hidden suite for 08-cow: Cow<T> — borrowing, to_mut, into_owned, comparison, printing.
#include <gtest/gtest.h>

#include <mwtest/instrumented.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "allocation_counter.hpp"
#include "cow.hpp"

namespace {

using cowtest::AllocationCounter;
using mw::Cow;
using mwtest::Instrumented;

// Long enough to live on the heap: a copy of it allocates (no small-string optimization).
const std::string kLong(100, 'x');

template <class T, class Arg>
concept can_borrow = requires(Arg&& arg) {
  Cow<T>::borrowed(std::forward<Arg>(arg));
};

static_assert(!can_borrow<std::string, std::string>,
              "Cow<std::string>::borrowed must reject a temporary std::string: it would dangle");
static_assert(!can_borrow<Instrumented, Instrumented>,
              "Cow<T>::borrowed must reject a temporary T: it would dangle");
static_assert(can_borrow<std::string, const char*> && can_borrow<std::string, std::string&>,
              "Cow<std::string>::borrowed takes anything a std::string_view is made from");

// A borrowed Cow reads the source object itself, not a copy (kills storing a copy).
TEST(Cow, BorrowedReadsTheSourceItself) {
  Instrumented::reset();
  const Instrumented source(7);
  const auto cow = Cow<Instrumented>::borrowed(source);
  EXPECT_TRUE(cow.is_borrowed());
  EXPECT_FALSE(cow.is_owned());
  EXPECT_EQ(&*cow, &source);
  EXPECT_EQ(cow->value(), 7);
  EXPECT_EQ(mwtest::life_counts().copies, 0u);
}

// Borrowing a string, and copying the borrowed Cow, allocate nothing (kills a borrowed state
// that holds a std::string).
TEST(Cow, BorrowingAStringAllocatesNothing) {
  AllocationCounter counter;
  const auto cow = Cow<std::string>::borrowed(kLong);
  const auto copy = cow;  // NOLINT(performance-unnecessary-copy-initialization)
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_TRUE(copy.is_borrowed());
  EXPECT_EQ((*copy).data(), kLong.data());
  EXPECT_EQ(cow->size(), 100u);
}

// owned(T) moves its argument in: no copy, the same buffer (kills owned() copying).
TEST(Cow, OwnedTakesItsValueWithoutCopying) {
  std::string text = kLong;
  const char* buffer = text.data();
  AllocationCounter counter;
  const auto cow = Cow<std::string>::owned(std::move(text));
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_TRUE(cow.is_owned());
  EXPECT_FALSE(cow.is_borrowed());
  EXPECT_EQ((*cow).data(), buffer);

  Instrumented::reset();
  const auto instrumented = Cow<Instrumented>::owned(Instrumented(3));
  EXPECT_EQ(mwtest::life_counts().copies, 0u);
  EXPECT_EQ(instrumented->value(), 3);
}

// to_mut() on a borrowed Cow clones once; later calls return the same object (kills cloning on
// every call).
TEST(ToMut, ClonesOnTheFirstCallOnly) {
  Instrumented::reset();
  const Instrumented source(5);
  auto cow = Cow<Instrumented>::borrowed(source);
  Instrumented& first = cow.to_mut();
  Instrumented& second = cow.to_mut();
  Instrumented& third = cow.to_mut();
  EXPECT_EQ(mwtest::life_counts().copies, 1u);
  EXPECT_EQ(&first, &second);
  EXPECT_EQ(&second, &third);
  EXPECT_NE(&first, &source);
  EXPECT_TRUE(cow.is_owned());
  EXPECT_EQ(first.value(), 5);
}

// Writes through to_mut() allocate once in all and never reach the borrowed source (kills a
// to_mut() that writes to the source or reallocates on each call).
TEST(ToMut, WritesACopyNotTheSource) {
  const std::string source = kLong;
  auto cow = Cow<std::string>::borrowed(source);
  AllocationCounter counter;
  cow.to_mut()[0] = 'a';
  cow.to_mut()[1] = 'b';
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 1u);
  EXPECT_EQ(source, kLong);
  EXPECT_EQ(cow->substr(0, 3), "abx");
  EXPECT_NE((*cow).data(), source.data());
}

// to_mut() on an owned Cow neither copies nor allocates (kills a to_mut() that always clones).
TEST(ToMut, OnAnOwnedCowWritesInPlace) {
  auto cow = Cow<std::string>::owned(kLong);
  const char* buffer = (*cow).data();
  AllocationCounter counter;
  std::string& value = cow.to_mut();
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(value.data(), buffer);

  Instrumented::reset();
  auto instrumented = Cow<Instrumented>::owned(Instrumented(4));
  Instrumented::reset();
  instrumented.to_mut();
  EXPECT_EQ(mwtest::life_counts().constructed, 0u);
}

// A copy that throws inside to_mut() leaves the Cow borrowed and readable (kills replacing the
// borrowed state before the copy has succeeded).
TEST(ToMut, ThrowingCopyLeavesTheCowBorrowed) {
  Instrumented::reset();
  const Instrumented source(9);
  auto cow = Cow<Instrumented>::borrowed(source);
  Instrumented::throw_after(1);
  EXPECT_THROW(cow.to_mut(), mwtest::InstrumentedError);
  Instrumented::throw_after(0);
  EXPECT_TRUE(cow.is_borrowed());
  EXPECT_EQ(&*cow, &source);
  EXPECT_EQ(mwtest::life_counts().alive(), 1);
}

// into_owned() on an owned Cow moves the value out: no copy, the same buffer (kills copying
// when already owned).
TEST(IntoOwned, MovesOutWhenOwned) {
  auto cow = Cow<std::string>::owned(kLong);
  const char* buffer = (*cow).data();
  AllocationCounter counter;
  const std::string out = std::move(cow).into_owned();
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(out.data(), buffer);
  EXPECT_EQ(out, kLong);

  Instrumented::reset();
  auto instrumented = Cow<Instrumented>::owned(Instrumented(2));
  const Instrumented value = std::move(instrumented).into_owned();
  EXPECT_EQ(mwtest::life_counts().copies, 0u);
  EXPECT_EQ(value.value(), 2);
}

// into_owned() on a borrowed Cow copies once and leaves the source alone.
TEST(IntoOwned, CopiesWhenBorrowed) {
  Instrumented::reset();
  const Instrumented source(6);
  auto cow = Cow<Instrumented>::borrowed(source);
  const Instrumented value = std::move(cow).into_owned();
  EXPECT_EQ(mwtest::life_counts().copies, 1u);
  EXPECT_EQ(value.value(), 6);
  EXPECT_EQ(source.value(), 6);

  const std::string text = kLong;
  const std::string out = Cow<std::string>::borrowed(text).into_owned();
  EXPECT_EQ(out, kLong);
  EXPECT_NE(out.data(), text.data());
}

// Equality compares values, whatever the states, and against the borrowed form.
TEST(Cow, ComparesValuesAcrossStates) {
  const std::string abc = "abc";
  const auto borrowed = Cow<std::string>::borrowed(abc);
  const auto owned = Cow<std::string>::owned("abc");
  const auto other = Cow<std::string>::owned("abd");
  EXPECT_TRUE(borrowed == owned);
  EXPECT_TRUE(owned == borrowed);
  EXPECT_FALSE(borrowed == other);
  EXPECT_TRUE(borrowed != other);
  EXPECT_TRUE(owned == std::string_view("abc"));
  EXPECT_TRUE(owned != "abd");

  const std::vector<int> numbers{1, 2, 3};
  EXPECT_TRUE(Cow<std::vector<int>>::borrowed(numbers) == Cow<std::vector<int>>::owned({1, 2, 3}));
}

// Printing a Cow prints its value, borrowed or owned.
TEST(Cow, PrintsItsValue) {
  std::ostringstream out;
  const std::string left = "borrowed";
  out << Cow<std::string>::borrowed(left) << '|' << Cow<std::string>::owned("owned");
  EXPECT_EQ(out.str(), "borrowed|owned");
}

}  // namespace
