// Hidden suite for 08-cow: functions that borrow their input when it needs no change.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "allocation_counter.hpp"
#include "rewrite.hpp"

namespace {

using cowtest::AllocationCounter;
using mw::Cow;

// Repeats `piece` `times` times: inputs long enough that any copy of them allocates.
std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// Clean text comes back borrowed: the same characters, no allocation (kills always building a
// new string).
TEST(NormalizeWhitespace, BorrowsTextThatIsAlreadyNormal) {
  const std::string text = repeat("word ", 40) + "end";
  AllocationCounter counter;
  const Cow<std::string> result = mw::normalize_whitespace(text);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  ASSERT_TRUE(result.is_borrowed());
  EXPECT_EQ((*result).data(), text.data());
  EXPECT_EQ((*result).size(), text.size());

  EXPECT_TRUE(mw::normalize_whitespace("").is_borrowed());
  EXPECT_TRUE(mw::normalize_whitespace("a b").is_borrowed());
}

// Every reason to change the text is seen, and the result is right (kills missing a kind of
// whitespace, a run, or an end).
TEST(NormalizeWhitespace, CollapsesRunsAndTrimsEnds) {
  const struct {
    std::string_view in, out;
  } cases[] = {
      {" a", "a"},         {"a ", "a"},
      {"a  b", "a b"},     {"a\tb", "a b"},
      {"a\nb", "a b"},     {"a\rb", "a b"},
      {"a\vb", "a b"},     {"a\fb", "a b"},
      {"a \t\n b", "a b"}, {"\n\n", ""},
      {"   ", ""},         {" a  b\tc ", "a b c"},
      {"x\ty z", "x y z"}, {"  lead and trail  ", "lead and trail"},
  };
  for (const auto& c : cases) {
    const Cow<std::string> result = mw::normalize_whitespace(c.in);
    EXPECT_TRUE(result.is_owned()) << '"' << c.in << '"';
    EXPECT_EQ(*result, c.out) << '"' << c.in << '"';
  }
}

// A changed result is built with one allocation, not grown character by character (kills
// appending without reserving).
TEST(NormalizeWhitespace, AllocatesOnceWhenItChanges) {
  const std::string text = repeat("word \t\n ", 60);
  AllocationCounter counter;
  const Cow<std::string> result = mw::normalize_whitespace(text);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 1u);
  EXPECT_EQ(*result, repeat("word ", 59) + "word");
}

// Text with nothing to escape comes back borrowed, with no allocation (kills always building a
// new string).
TEST(EscapeHtml, BorrowsTextWithNothingToEscape) {
  const std::string text = repeat("plain text; 100% safe = yes. ", 10);
  AllocationCounter counter;
  const Cow<std::string> result = mw::escape_html(text);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  ASSERT_TRUE(result.is_borrowed());
  EXPECT_EQ((*result).data(), text.data());
  EXPECT_TRUE(mw::escape_html("").is_borrowed());
}

// Each of & < > " ' is escaped, & without double escaping (kills a missing character and
// escaping & after the others).
TEST(EscapeHtml, EscapesEverySpecialCharacter) {
  const struct {
    std::string_view in, out;
  } cases[] = {
      {"&", "&amp;"},
      {"<", "&lt;"},
      {">", "&gt;"},
      {"\"", "&quot;"},
      {"'", "&#39;"},
      {"a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"},
      {"&lt;", "&amp;lt;"},
      {"<a href=\"x\">it's</a>", "&lt;a href=&quot;x&quot;&gt;it&#39;s&lt;/a&gt;"},
  };
  for (const auto& c : cases) {
    const Cow<std::string> result = mw::escape_html(c.in);
    EXPECT_TRUE(result.is_owned()) << c.in;
    EXPECT_EQ(*result, c.out) << c.in;
  }
}

// An escaped result is built with one allocation (kills appending without reserving the final
// size).
TEST(EscapeHtml, AllocatesOnceWhenItChanges) {
  const std::string text = repeat("<b>&</b> ", 40);
  AllocationCounter counter;
  const Cow<std::string> result = mw::escape_html(text);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 1u);
  EXPECT_EQ(*result, repeat("&lt;b&gt;&amp;&lt;/b&gt; ", 40));
}

// A changed result that fits the string's inline (SSO) buffer costs no allocation; one that
// does not costs exactly one (README: "at most one"). kills: forcing one heap block on every
// owned result, e.g. reserving past the inline capacity to make "exactly one" true.
TEST(Rewrite, ShortChangedResultsFitInlineAndLongOnesAllocateOnce) {
  const std::size_t inline_capacity = std::string().capacity();
  ASSERT_GE(inline_capacity, 7u) << "this test assumes a small-string buffer";
  const std::string spaced = " a\tb ";  // 5 characters: reserving them fits inline
  AllocationCounter normalize_counter;
  const Cow<std::string> normalized = mw::normalize_whitespace(spaced);
  const std::size_t normalize_allocations = normalize_counter.count();
  EXPECT_TRUE(normalized.is_owned());
  EXPECT_EQ(*normalized, "a b");
  EXPECT_EQ(normalize_allocations, 0u) << "\"a b\" fits the string's inline buffer";
  AllocationCounter escape_counter;
  const Cow<std::string> escaped = mw::escape_html("a<b");  // "a&lt;b", 6 characters
  const std::size_t escape_allocations = escape_counter.count();
  EXPECT_EQ(*escaped, "a&lt;b");
  EXPECT_EQ(escape_allocations, 0u) << "\"a&lt;b\" fits the string's inline buffer";
  const std::string brackets(inline_capacity / 4 + 1, '<');  // escaped: just past inline
  AllocationCounter long_counter;
  const Cow<std::string> long_escaped = mw::escape_html(brackets);
  const std::size_t long_allocations = long_counter.count();
  EXPECT_EQ(long_allocations, 1u) << "the escaped size no longer fits inline: one block";
  EXPECT_EQ(long_escaped->size(), 4 * brackets.size());
}
// A borrowed vector without negatives stays borrowed, with no allocation (kills calling to_mut()
// unconditionally).
TEST(AbsAll, LeavesNonNegativeInputBorrowed) {
  const std::vector<int> values(200, 3);
  auto cow = Cow<std::vector<int>>::borrowed(values);
  AllocationCounter counter;
  mw::abs_all(cow);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_TRUE(cow.is_borrowed());
  EXPECT_EQ(&*cow, &values);
}

// Negatives in a borrowed vector cost one clone in all; the source is untouched (kills cloning
// per element and writing through the borrow).
TEST(AbsAll, ClonesABorrowedVectorOnce) {
  std::vector<int> values(200, 1);
  values[10] = -10;
  values[100] = -100;
  values[199] = -199;
  const std::vector<int> original = values;
  auto cow = Cow<std::vector<int>>::borrowed(values);
  AllocationCounter counter;
  mw::abs_all(cow);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 1u);
  ASSERT_TRUE(cow.is_owned());
  EXPECT_EQ(values, original);
  std::vector<int> expected(200, 1);
  expected[10] = 10;
  expected[100] = 100;
  expected[199] = 199;
  EXPECT_EQ(*cow, expected);
}

// An owned vector is changed in place, with no allocation.
TEST(AbsAll, ChangesAnOwnedVectorInPlace) {
  auto cow = Cow<std::vector<int>>::owned(std::vector<int>{-1, 2, -3});
  const int* buffer = (*cow).data();
  AllocationCounter counter;
  mw::abs_all(cow);
  const std::size_t allocations = counter.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ((*cow).data(), buffer);
  EXPECT_EQ(*cow, (std::vector<int>{1, 2, 3}));
}

}  // namespace
