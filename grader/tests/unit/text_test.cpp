#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "util/text.hpp"

namespace grader {
namespace {

// Valid UTF-8, including 4-byte sequences, passes through unchanged.
TEST(ToValidUtf8, KeepsValidText) {
  const std::string text = "caf\xC3\xA9 \xF0\x9F\x98\x80 ok";
  EXPECT_EQ(to_valid_utf8(text), text);
}

// A lone continuation byte, a truncated sequence and a bad lead byte each become U+FFFD.
TEST(ToValidUtf8, ReplacesInvalidBytes) {
  EXPECT_EQ(to_valid_utf8("a\x80"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(to_valid_utf8("a\xE2\x82"), "a\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(to_valid_utf8("\xFF"), "\xEF\xBF\xBD");
}

// Overlong encodings and UTF-16 surrogates are not valid UTF-8.
TEST(ToValidUtf8, RejectsOverlongAndSurrogates) {
  EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(to_valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

// Text under the limit is not marked.
TEST(TruncateUtf8, ShortTextIsUnchanged) {
  EXPECT_EQ(truncate_utf8("hello", 10), "hello");
}

// Long text is cut and says how many bytes were dropped.
TEST(TruncateUtf8, LongTextGetsMarker) {
  EXPECT_EQ(truncate_utf8("0123456789", 4), "0123\n[... truncated: 6 bytes omitted]");
}

// The cut never splits a multi-byte character into invalid bytes.
TEST(TruncateUtf8, CutsOnCodePointBoundary) {
  const std::string text = "ab\xC3\xA9\xC3\xA9";  // a b é é
  const std::string cut = truncate_utf8(text, 3);
  EXPECT_EQ(cut.substr(0, cut.find('\n')), "ab");
  EXPECT_EQ(to_valid_utf8(cut), cut);
}

// first_lines keeps whole lines, with their newlines.
TEST(FirstLines, KeepsThatManyLines) {
  EXPECT_EQ(first_lines("a\nb\nc\n", 2), "a\nb\n");
  EXPECT_EQ(first_lines("a\nb", 5), "a\nb");
}

// A text that fits its column is unchanged, even at exactly the width.
TEST(FitColumn, FittingTextIsUnchanged) {
  EXPECT_EQ(fit_column("Arithmetic", 10), "Arithmetic");
  EXPECT_EQ(fit_column("", 3), "");
}

// kills: a cut that counts bytes, not code points (é is two bytes), or that forgets the
// ellipsis's own place in the width.
TEST(FitColumn, LongTextEndsInAnEllipsisWithinTheWidth) {
  EXPECT_EQ(fit_column("Layout: size, alignment", 10), "Layout: s…");
  EXPECT_EQ(fit_column("caf\xC3\xA9 au lait", 5), "caf\xC3\xA9…");
  EXPECT_EQ(fit_column("abc", 1), "…");
}

// kills: a split that keeps the CR of a CRLF line end, or adds an empty line after a final LF.
TEST(SplitLines, DropsLfAndCrlfEndsAndNoTrailingEmptyLine) {
  EXPECT_EQ(split_lines("a\r\nb\nc"), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_EQ(split_lines("a\n\nb\n"), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_TRUE(split_lines("").empty());
}

// kills: accepting a leading digit, an empty name, or a character outside [A-Za-z0-9_].
TEST(IsIdentifier, AsciiLettersDigitsAndUnderscoreNotADigitFirst) {
  EXPECT_TRUE(is_identifier("_under_score9"));
  EXPECT_FALSE(is_identifier("9lives"));
  EXPECT_FALSE(is_identifier(""));
  EXPECT_FALSE(is_identifier("a-b"));
  EXPECT_FALSE(is_identifier("caf\xC3\xA9"));
}

}  // namespace
}  // namespace grader
