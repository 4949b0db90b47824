#include <gtest/gtest.h>
#include "tracking.hpp"
TEST(Answer, IsFortyTwo){ EXPECT_EQ(answer(), 42); }
TEST(Answer, Leaks){ new int(3); }
