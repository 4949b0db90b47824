#include <gtest/gtest.h>

#include "util/file.hpp"

namespace grader {
namespace {

// A path is within itself and within each of its parents.
TEST(LexicallyWithin, ThePathItselfAndWhatLiesBelow) {
  EXPECT_TRUE(lexically_within("/a/b", "/a/b"));
  EXPECT_TRUE(lexically_within("/a/b/c", "/a"));
  EXPECT_TRUE(lexically_within("/a/b/", "/a/b"));
}

// kills: a string prefix test ("/ab" starts with "/a"), or ".." taken as a name.
TEST(LexicallyWithin, NotASiblingWithTheSamePrefixNorAWayOutByDotDot) {
  EXPECT_FALSE(lexically_within("/ab", "/a"));
  EXPECT_FALSE(lexically_within("/a/../b", "/a"));
  EXPECT_FALSE(lexically_within("/a", "/a/b"));
}

}  // namespace
}  // namespace grader
