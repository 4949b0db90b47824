// The tamper guard's pure pieces before the rules: tokens, line markers, the `-E` scan.
#include <gtest/gtest.h>

#include "guard/lexer.hpp"
#include "guard/line_markers.hpp"
#include "guard/preprocessed.hpp"

namespace grader {
namespace {

// The identifiers of `text`, in order.
std::vector<std::string> identifiers(std::string_view text) {
  std::vector<std::string> out;
  Lexer lexer(text);
  while (std::optional<Token> token = lexer.next())
    if (token->kind == TokenKind::identifier) out.emplace_back(token->text);
  return out;
}

// Learner files in the scans below are those under /ws/.
bool under_ws(const std::string& file) {
  return file.starts_with("/ws/");
}

// A name inside a string literal is no identifier.
TEST(GuardLexer, StringLiteralHoldsNoName) {
  EXPECT_EQ(identifiers(R"(f("testing", 'x');)"), std::vector<std::string>{"f"});
}

// A raw string over several lines, with quotes inside, holds no name and keeps the line count.
TEST(GuardLexer, RawStringHoldsNoName) {
  Lexer lexer("a = R\"x(testing \" )\" \n __lsan_x)x\"; b");
  std::vector<std::string> names;
  std::size_t last_line = 0;
  while (std::optional<Token> token = lexer.next()) {
    if (token->kind == TokenKind::identifier) names.emplace_back(token->text);
    last_line = token->line;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(last_line, 1u);
}

// Encoding prefixes start literals: u8"testing" and LR"(testing)" are not the name testing.
TEST(GuardLexer, PrefixedLiteralsHoldNoName) {
  EXPECT_EQ(identifiers(R"x(u8"testing" LR"(testing)" U'x' L"testing")x"),
            std::vector<std::string>{});
}

// Comments hold no names.
TEST(GuardLexer, CommentsHoldNoName) {
  EXPECT_EQ(identifiers("x // testing\n/* __lsan_ */ y"), (std::vector<std::string>{"x", "y"}));
}

// `my_testing` and `testing2` are names of their own, not `testing`.
TEST(GuardLexer, NameInsideALongerNameIsNotIt) {
  EXPECT_EQ(identifiers("my_testing testing2 a$testing"),
            (std::vector<std::string>{"my_testing", "testing2", "a$testing"}));
}

// Digit separators keep a number whole: 1'000 does not open a character literal.
TEST(GuardLexer, DigitSeparatorsStayInTheNumber) {
  EXPECT_EQ(identifiers("int x = 1'000; testing"),
            (std::vector<std::string>{"int", "x", "testing"}));
}

// Digraphs come out as the brackets they stand for.
TEST(GuardLexer, DigraphsAreBrackets) {
  Lexer lexer("<:<: x :>:> %:");
  std::string spelled;
  while (std::optional<Token> token = lexer.next()) spelled += std::string(token->text) + " ";
  EXPECT_EQ(spelled, "[ [ x ] ] # ");
}

// Backslash-newlines are spliced, and each spliced line knows its physical line.
TEST(GuardLexer, SplicesBackslashNewlines) {
  std::vector<std::size_t> lines;
  EXPECT_EQ(splice_lines("#li\\\nne 5\nx\n", &lines), "#line 5\nx\n");
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 3, 4}));
}

// A marker entering a system header: line, file and flags.
TEST(LineMarker, ReadsEnterAndSystemFlags) {
  const std::optional<LineMarker> m = parse_line_marker(R"( 1 "/usr/include/gtest/gtest.h" 1 3 4)");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->line, 1u);
  EXPECT_EQ(m->file, "/usr/include/gtest/gtest.h");
  EXPECT_TRUE(m->enter);
  EXPECT_FALSE(m->leave);
  EXPECT_TRUE(m->system);
}

// A marker returning to the includer.
TEST(LineMarker, ReadsLeaveFlag) {
  const std::optional<LineMarker> m = parse_line_marker(R"( 14 "/ws/a.cpp" 2)");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->line, 14u);
  EXPECT_TRUE(m->leave);
}

// Quotes, backslashes and octal escapes in a file name are undone.
TEST(LineMarker, UnescapesTheFileName) {
  const std::optional<LineMarker> m = parse_line_marker(R"( 3 "/ws/a \"b\"\\c\303\251.hpp")");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->file, "/ws/a \"b\"\\c\xc3\xa9.hpp");
}

// `#pragma once` and a line without a quoted name are no markers.
TEST(LineMarker, RejectsOtherLines) {
  EXPECT_FALSE(parse_line_marker("pragma once"));
  EXPECT_FALSE(parse_line_marker(" 12 nofile"));
}

// Only the learner's lines give tokens, each with its own file and line.
TEST(ScanPreprocessed, KeepsLearnerLinesOnly) {
  const PreprocessedScan scan = scan_preprocessed(
      "# 0 \"/ws/a.cpp\"\n# 1 \"/usr/include/x.h\" 1 3\nint testing;\n"
      "# 2 \"/ws/a.cpp\" 2\n\nint mine;\n",
      under_ws);
  ASSERT_EQ(scan.tokens.size(), 3u);
  EXPECT_EQ(scan.tokens[1].text, "mine");
  EXPECT_EQ(scan.tokens[1].file, "/ws/a.cpp");
  EXPECT_EQ(scan.tokens[1].line, 3u);
  EXPECT_EQ(scan.learner_files, std::set<std::string>{"/ws/a.cpp"});
}

// A forbidden header entered from a learner line names that line.
TEST(ScanPreprocessed, ForbiddenIncludeNamesTheIncludeLine) {
  const PreprocessedScan scan = scan_preprocessed(
      "# 1 \"/ws/a.cpp\"\nint x;\n\n# 1 \"/usr/include/gtest/gtest.h\" 1 3\nint y;\n", under_ws);
  ASSERT_EQ(scan.includes.size(), 1u);
  EXPECT_EQ(scan.includes[0].header, "/usr/include/gtest/gtest.h");
  EXPECT_EQ(scan.includes[0].file, "/ws/a.cpp");
  EXPECT_EQ(scan.includes[0].line, 3u);
}

// A forbidden header pulled in through a course header is charged to the learner's include.
TEST(ScanPreprocessed, ForbiddenIncludeThroughAnotherHeader) {
  const PreprocessedScan scan = scan_preprocessed(
      "# 1 \"/ws/a.cpp\"\n# 1 \"/course/h.hpp\" 1\n\n# 1 "
      "\"/usr/include/sanitizer/lsan_interface.h\" 1\n",
      under_ws);
  ASSERT_EQ(scan.includes.size(), 1u);
  EXPECT_EQ(scan.includes[0].file, "/ws/a.cpp");
  EXPECT_EQ(scan.includes[0].line, 1u);
}

// GoogleTest, GoogleMock and sanitizer headers are forbidden; others are not.
TEST(ScanPreprocessed, KnowsTheForbiddenHeaders) {
  EXPECT_TRUE(is_forbidden_header("/usr/include/gtest/gtest.h"));
  EXPECT_TRUE(is_forbidden_header("/usr/include/gmock/gmock.h"));
  EXPECT_TRUE(
      is_forbidden_header("/usr/lib/gcc/x86_64-linux-gnu/12/include/sanitizer/lsan_interface.h"));
  EXPECT_FALSE(is_forbidden_header("/usr/include/c++/12/vector"));
  EXPECT_FALSE(is_forbidden_header("/ws/02/my_gtest_notes.hpp"));
}

}  // namespace
}  // namespace grader
