// Visible tests for 08-cow: a few examples of what the hidden suite expects.
// Run them with `build/main/bin/grader test 08`.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cow.hpp"
#include "cow_vec.hpp"
#include "rewrite.hpp"

namespace {

using mw::Cow;
using mw::CowVec;

// A borrowed Cow reads the source; to_mut() clones it once and never writes to it.
TEST(Visible, ToMutClonesOnce) {
  const std::vector<int> source{1, 2, 3};
  auto cow = Cow<std::vector<int>>::borrowed(source);
  EXPECT_TRUE(cow.is_borrowed());
  EXPECT_EQ(&*cow, &source);

  std::vector<int>& first = cow.to_mut();
  first[0] = 10;
  EXPECT_TRUE(cow.is_owned());
  EXPECT_EQ(&cow.to_mut(), &first);  // the second call returns the same vector
  EXPECT_EQ(source[0], 1);
  EXPECT_EQ((*cow)[0], 10);
}

// Clean input comes back borrowed (the very same characters); the rest comes back owned.
TEST(Visible, NormalizeWhitespaceBorrowsCleanInput) {
  const std::string clean = "already clean";
  const Cow<std::string> same = mw::normalize_whitespace(clean);
  ASSERT_TRUE(same.is_borrowed());
  EXPECT_EQ((*same).data(), clean.data());

  const Cow<std::string> changed = mw::normalize_whitespace("  two\t\nwords ");
  EXPECT_TRUE(changed.is_owned());
  EXPECT_EQ(*changed, "two words");
}

// A copy shares the elements; a write through it detaches it and leaves the original alone.
TEST(Visible, CowVecCopySharesUntilWritten) {
  CowVec<int> original{1, 2, 3};
  CowVec<int> copy = original;
  EXPECT_EQ(copy.data(), original.data());
  EXPECT_EQ(original.use_count(), 2u);

  copy.set(0, 10);
  EXPECT_NE(copy.data(), original.data());
  EXPECT_EQ(original[0], 1);
  EXPECT_EQ(copy[0], 10);
  EXPECT_EQ(original.use_count(), 1u);
}

}  // namespace
