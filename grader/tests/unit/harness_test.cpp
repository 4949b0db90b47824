// The hidden suites' harness (grader/harness/harness_main.cpp), linked into a probe suite
// (tests/harness/probe_test.cpp) and run through the real result channel.
#include <gtest/gtest.h>

#include <string>

#include "process/process.hpp"
#include "run/result_channel.hpp"

namespace grader {
namespace {

// Returns: what the probe sent when run with PROBE_MODE=`mode`.
ChannelRecords run_probe(const std::string& mode) {
  ResultChannel channel;
  ProcessSpec spec;
  spec.argv = {HARNESS_PROBE};
  spec.env["PROBE_MODE"] = mode;
  spec.limits.wall_seconds = 30;
  channel.attach(spec);
  const ProcessResult result = run_process(spec);
  EXPECT_TRUE(result.started) << result.output;
  return channel.collect();
}

// Every test gets a record with GoogleTest's verdict, and the run an end record.
TEST(Harness, RecordsEveryTestAndTheEnd) {
  const ChannelRecords r = run_probe("");
  EXPECT_EQ(r.tampering, "");
  EXPECT_TRUE(r.ended);
  ASSERT_EQ(r.tests.size(), 6u);
  EXPECT_EQ(r.tests.at("Probe.Passes").status, TestStatus::passed);
  EXPECT_EQ(r.tests.at("Probe.Fails").status, TestStatus::failed);
  // The failure's text comes in the record: a hidden source's place named by the test, not
  // by a path the learner does not have; an exception by what it said.
  EXPECT_EQ(r.tests.at("Probe.Fails").message.rfind("in hidden test Probe.Fails, line ", 0), 0u)
      << r.tests.at("Probe.Fails").message;
  EXPECT_NE(r.tests.at("Probe.Fails").message.find("Expected equality"), std::string::npos);
  EXPECT_EQ(r.tests.at("Probe.Throws").message, "threw: out of tokens");
  EXPECT_EQ(r.tests.at("Probe.ChannelIsHidden").status, TestStatus::passed);
}

// A skip in the suite's own source is a skip; one made by the code under test fails.
TEST(Harness, OnlyTheSuiteMaySkip) {
  const ChannelRecords r = run_probe("");
  EXPECT_EQ(r.tests.at("Probe.SuiteSkips").status, TestStatus::skipped);
  EXPECT_EQ(r.tests.at("Probe.SuiteSkips").message, "no such tool here");
  EXPECT_EQ(r.tests.at("Probe.LearnerSkips").status, TestStatus::failed);
  EXPECT_TRUE(r.tests.at("Probe.LearnerSkips").overridden);
}

// kills: a harness that trusts whatever reporter is installed when the tests start.
TEST(Harness, ReplacedReporterIsTampering) {
  const ChannelRecords r = run_probe("swap");
  EXPECT_NE(r.tampering.find("result reporter was replaced"), std::string::npos) << r.tampering;
}

// kills: a harness that reports only what its listener saw, so a muted listener hides every test.
TEST(Harness, MutedListenerIsTampering) {
  const ChannelRecords r = run_probe("mute");
  EXPECT_NE(r.tampering.find("listener was removed"), std::string::npos) << r.tampering;
}

// Run by hand, without the grader's descriptors, the probe is plain gtest_main.
TEST(Harness, WithoutTheGraderItIsGtestMain) {
  ProcessSpec spec;
  spec.argv = {HARNESS_PROBE};
  spec.limits.wall_seconds = 30;
  const ProcessResult result = run_process(spec);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("[  FAILED  ] Probe.Fails"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace grader
