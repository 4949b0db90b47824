// run/sanitizer_summary: real sanitizer reports (GCC 12's TSan, ASan and LSan on a small
// reference-counted pointer, paths rewritten as a learner's tree and a course's suites),
// shortened to what a learner acts on.
#include "run/sanitizer_summary.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace grader {
namespace {

const std::vector<std::string> kLearnerFiles = {"/07-arc-and-tradeoffs/arc.hpp"};

std::string report(const std::string& name) {
  std::ifstream in(std::string(SANITIZER_REPORTS_DIR) + "/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A data race keeps both accesses' stacks (kills: a cut at a fixed number of lines, which lost
// the "Previous write" half that explains the race).
TEST(SanitizerSummary, ARaceKeepsBothStacks) {
  const std::string summary = summarize_sanitizer_report(report("tsan.txt"), kLearnerFiles);
  EXPECT_TRUE(has(summary, "WARNING: ThreadSanitizer: data race")) << summary;
  EXPECT_TRUE(has(summary, "  Read of size 8 at 0x7b0400000000 by thread T2:")) << summary;
  EXPECT_TRUE(has(summary, "  Previous write of size 8 at 0x7b0400000000 by thread T1:"))
      << summary;
  EXPECT_TRUE(has(summary, "SUMMARY: ThreadSanitizer: data race")) << summary;
}

// A frame names a learner file from its exercise, any other file by its name, and drops the
// module offset (kills: frames shown as the sanitizer writes them).
TEST(SanitizerSummary, FramesAreShortAndNameTheLearnersFile) {
  const std::string summary = summarize_sanitizer_report(report("tsan.txt"), kLearnerFiles);
  EXPECT_TRUE(has(summary, "    #0 Arc<int>::increment() 07-arc-and-tradeoffs/arc.hpp:8\n"))
      << summary;
  EXPECT_TRUE(has(summary, "    #2 hammer(Arc<int> const&) threads_test.cpp:4\n")) << summary;
  EXPECT_FALSE(has(summary, "suite-07-arc-and-tradeoffs+0x")) << summary;
  EXPECT_FALSE(has(summary, "/home/ada")) << summary;
}

// Where threads were created explains nothing about the race, and is left out.
TEST(SanitizerSummary, ThreadCreationStacksAreLeftOut) {
  const std::string summary = summarize_sanitizer_report(report("tsan.txt"), kLearnerFiles);
  EXPECT_FALSE(has(summary, "created by main thread")) << summary;
  EXPECT_FALSE(has(summary, "pthread_create")) << summary;
}

// A stack starts at the learner's first frame, skipping the allocator's and the library's
// frames above it (kills: "#0 operator delete … asan_new_delete.cpp" first).
TEST(SanitizerSummary, AStackStartsAtTheLearnersFirstFrame) {
  const std::string summary = summarize_sanitizer_report(report("asan.txt"), kLearnerFiles);
  EXPECT_TRUE(has(summary,
                  "  freed by thread T0 here:\n    #1 Arc<int>::~Arc() "
                  "07-arc-and-tradeoffs/arc.hpp:9\n"))
      << summary;
  EXPECT_TRUE(has(summary,
                  "  previously allocated by thread T0 here:\n    #1 Arc<int>::Arc(int) "
                  "07-arc-and-tradeoffs/arc.hpp:6\n"))
      << summary;
  EXPECT_FALSE(has(summary, "operator delete")) << summary;
}

// A stack with no frame in the learner's files is shown from its top.
TEST(SanitizerSummary, AStackWithoutALearnerFrameStartsAtTheTop) {
  const std::string summary = summarize_sanitizer_report(report("asan.txt"), kLearnerFiles);
  EXPECT_TRUE(
      has(summary, "  READ of size 4 at 0x602000000038 thread T0\n    #0 main uaf_test.cpp:8\n"))
      << summary;
}

// The shadow-byte map after the SUMMARY line is left out; the line saying where the address
// lies is kept.
TEST(SanitizerSummary, TheShadowMapIsLeftOut) {
  const std::string summary = summarize_sanitizer_report(report("asan.txt"), kLearnerFiles);
  EXPECT_TRUE(has(summary, "SUMMARY: AddressSanitizer: heap-use-after-free")) << summary;
  EXPECT_TRUE(has(summary, "is located 8 bytes inside of 16-byte region")) << summary;
  EXPECT_FALSE(has(summary, "Shadow byte")) << summary;
}

// Every leak keeps its stack, each from the learner's first frame when it has one.
TEST(SanitizerSummary, EveryLeakKeepsItsStack) {
  const std::string summary = summarize_sanitizer_report(report("lsan.txt"), kLearnerFiles);
  EXPECT_TRUE(has(summary, "  Direct leak of 8 byte(s) in 1 object(s) allocated from:\n"))
      << summary;
  EXPECT_TRUE(has(summary,
                  "  Indirect leak of 16 byte(s) in 1 object(s) allocated from:\n    #1 "
                  "Arc<int>::Arc(int) 07-arc-and-tradeoffs/arc.hpp:6\n"))
      << summary;
  EXPECT_TRUE(has(summary, "SUMMARY: AddressSanitizer: 24 byte(s) leaked")) << summary;
}

// At most kFramesPerStack frames of a stack are shown.
TEST(SanitizerSummary, AStackShowsAtMostItsFrameCount) {
  const std::string summary = summarize_sanitizer_report(report("tsan.txt"), kLearnerFiles);
  EXPECT_TRUE(has(summary, "    #3 operator() threads_test.cpp:8\n")) << summary;
  EXPECT_FALSE(has(summary, "#4 ")) << summary;
}

// Past six stacks (a report of many leaks) one line says how many more there were.
TEST(SanitizerSummary, ManyStacksEndInACount) {
  std::string many = "==1==ERROR: LeakSanitizer: detected memory leaks\n";
  for (int i = 0; i < 9; ++i)
    many += "Direct leak of 8 byte(s) in 1 object(s) allocated from:\n    #0 0x1 in f /a/b.cpp:1\n";
  const std::string summary = summarize_sanitizer_report(many, kLearnerFiles);
  EXPECT_TRUE(has(summary, "… and 3 more stacks")) << summary;
}

// A report that is not made of stacks (UBSan's one line) is kept as it is.
TEST(SanitizerSummary, AOneLineFindingIsKept) {
  const std::string line =
      "/home/ada/workbook/exercises/01-layout/layout.hpp:12:5: runtime error: signed integer "
      "overflow: 2147483647 + 1 cannot be represented in type 'int'";
  EXPECT_EQ(summarize_sanitizer_report(line + "\n", kLearnerFiles), line + "\n");
}

}  // namespace
}  // namespace grader
