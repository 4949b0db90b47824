#include <gtest/gtest.h>

#include <fstream>

#include "manifest/declared_tests.hpp"
#include "process/scratch_dir.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// TEST and TEST_F are both read, in source order, with any spacing.
TEST(DeclaredTests, ReadsTestAndTestF) {
  const ScratchDir dir;
  write(dir.path() / "a_test.cpp",
        "TEST(Alpha, One) {}\nTEST_F(AlphaFixture, Two) {}\n  TEST ( Alpha , Three ) {\n}\n");
  EXPECT_EQ(declared_tests(dir.path()),
            (std::vector<std::string>{"Alpha.One", "AlphaFixture.Two", "Alpha.Three"}));
}

// A commented-out test is not declared.
TEST(DeclaredTests, IgnoresCommentedOutLines) {
  const ScratchDir dir;
  write(dir.path() / "a_test.cpp",
        "// TEST(Alpha, Old) {}\n  //TEST_F(Alpha, Older) {}\nTEST(Alpha, New) {}\n");
  EXPECT_EQ(declared_tests(dir.path()), (std::vector<std::string>{"Alpha.New"}));
}

// Files are read in name order, and only .cpp files.
TEST(DeclaredTests, ReadsCppFilesInNameOrder) {
  const ScratchDir dir;
  write(dir.path() / "b_test.cpp", "TEST(Beta, One) {}\n");
  write(dir.path() / "a_test.cpp", "TEST(Alpha, One) {}\n");
  write(dir.path() / "helpers.hpp", "TEST(Header, NotATest) {}\n");
  EXPECT_EQ(declared_tests(dir.path()), (std::vector<std::string>{"Alpha.One", "Beta.One"}));
}

// A suite directory that does not exist declares nothing.
TEST(DeclaredTests, MissingDirectoryIsEmpty) {
  EXPECT_TRUE(declared_tests("/nonexistent/suite").empty());
}

}  // namespace
}  // namespace grader
