// The hidden-suite harness (grader/harness/harness_main.cpp) linked into a small suite of
// its own: harness_test.cpp runs it through the real result channel. PROBE_MODE, read
// before main like learner code would, picks what the "code under test" does:
//   swap   installs GoogleTest's fake result reporter from a static object
//   mute   silences every listener, the harness's too, through a friend GoogleTest declares
//          but never defines (TestEventListenersAccessor)
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <fcntl.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "learner/skip.hpp"

namespace {

const char* mode() {
  const char* value = std::getenv("PROBE_MODE");
  return value == nullptr ? "" : value;
}

testing::TestPartResultArray swallowed;
// What a submission's static object would do: every failure after it is swallowed.
const auto* const fake_reporter =
    std::string(mode()) == "swap"
        ? new testing::ScopedFakeTestPartResultReporter(
              testing::ScopedFakeTestPartResultReporter::INTERCEPT_ALL_THREADS, &swallowed)
        : nullptr;

}  // namespace

// gtest.h makes this class a friend of TestEventListeners and defines it only in
// GoogleTest's own tests, so any code may define it and reach the private members.
namespace testing::internal {
class TestEventListenersAccessor {
 public:
  static void mute(TestEventListeners& listeners) { listeners.SuppressEventForwarding(); }
};
}  // namespace testing::internal

namespace {
const bool muted =
    std::string(mode()) == "mute" && (testing::internal::TestEventListenersAccessor::mute(
                                          testing::UnitTest::GetInstance()->listeners()),
                                      true);
}  // namespace

TEST(Probe, Passes) {
  EXPECT_EQ(1, 1);
}

TEST(Probe, Fails) {
  EXPECT_EQ(1, 2);
}

TEST(Probe, Throws) {
  throw std::runtime_error("out of tokens");
}

// A skip in the suite's own source (a missing tool) stays a skip.
TEST(Probe, SuiteSkips) {
  GTEST_SKIP() << "no such tool here";
}

// A skip made by the code under test (a source outside the suites' directory).
TEST(Probe, LearnerSkips) {
  probe_learner::skip_this_test();
  EXPECT_EQ(1, 1);
}

// By the time tests run, the secret's descriptor is closed and the variable naming the
// descriptors is gone: the code under test finds neither.
TEST(Probe, ChannelIsHidden) {
  EXPECT_EQ(std::getenv("MW_HARNESS_FDS"), nullptr);
  EXPECT_EQ(fcntl(3, F_GETFD), -1);
}
