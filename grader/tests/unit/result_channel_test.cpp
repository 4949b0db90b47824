// The grader's end of the result channel: which records it believes, and that a real
// child gets the secret and the record pipe as descriptors 3 and 4.
#include "run/result_channel.hpp"

#include <gtest/gtest.h>

#include <string>

#include "process/process.hpp"
#include "result_record.hpp"

namespace grader {
namespace {

const std::string kSecret(mw::harness::kSecretBytes, 's');

// The records the harness would write for `bodies`, numbered from 0.
std::string records(const std::vector<std::string>& bodies, const std::string& secret = kSecret) {
  std::string bytes;
  for (std::size_t i = 0; i < bodies.size(); ++i)
    bytes += mw::harness::make_record(secret, i, bodies[i]);
  return bytes;
}

// Valid records give each test's status and time; the end record marks a finished run.
TEST(ResultRecords, ValidRecordsGiveStatuses) {
  const ChannelRecords r = parse_records(
      records({"test passed 1500 A.One", "test failed 0 A.Two", "test skipped 0 A.Three", "end 3"}),
      kSecret);
  EXPECT_EQ(r.tampering, "");
  EXPECT_TRUE(r.ended);
  ASSERT_EQ(r.tests.size(), 3u);
  EXPECT_EQ(r.tests.at("A.One").status, TestStatus::passed);
  EXPECT_DOUBLE_EQ(r.tests.at("A.One").seconds, 0.0015);
  EXPECT_EQ(r.tests.at("A.Two").status, TestStatus::failed);
  EXPECT_EQ(r.tests.at("A.Three").status, TestStatus::skipped);
}

// A failure or a skip by the suite carries its text, escaped onto the record's line; text on
// any other record is not the harness's.
TEST(ResultRecords, FailuresAndSkipsCarryTheirText) {
  const ChannelRecords r = parse_records(
      records({"test skipped 0 A.One qemu is not installed",
               "test failed 0 A.Two " + mw::harness::escape_line("a.cpp:3\nwant 1\\2")}),
      kSecret);
  EXPECT_EQ(r.tests.at("A.One").message, "qemu is not installed");
  EXPECT_EQ(r.tests.at("A.Two").message, "a.cpp:3\nwant 1\\2");
  const ChannelRecords pass = parse_records(records({"test passed 0 A.One all good"}), kSecret);
  EXPECT_NE(pass.tampering, "");
}

// Escaping onto one line and back gives the text again, newlines and backslashes included.
TEST(ResultRecords, EscapedTextRoundTrips) {
  const std::string text = "line 1\n\\n is not a newline\\\nend\\";
  EXPECT_EQ(mw::harness::escape_line(text).find('\n'), std::string::npos);
  EXPECT_EQ(mw::harness::unescape_line(mw::harness::escape_line(text)), text);
}

// A skip the code under test made is a failure, with a message saying so.
TEST(ResultRecords, LearnerSkipIsAFailure) {
  const ChannelRecords r = parse_records(records({"test learner-skip 0 A.One"}), kSecret);
  EXPECT_EQ(r.tests.at("A.One").status, TestStatus::failed);
  EXPECT_TRUE(r.tests.at("A.One").overridden);
  EXPECT_NE(r.tests.at("A.One").message.find("skipped"), std::string::npos);
}

// Nothing on the channel: no test recorded, the run not ended, and no tampering.
TEST(ResultRecords, NothingIsNotEnded) {
  const ChannelRecords r = parse_records("", kSecret);
  EXPECT_FALSE(r.ended);
  EXPECT_TRUE(r.tests.empty());
  EXPECT_EQ(r.tampering, "");
}

// kills: a grader that checks the shape of a record but not its MAC.
TEST(ResultRecords, AnotherSecretIsTampering) {
  const std::string forged(mw::harness::kSecretBytes, 'x');
  const ChannelRecords r = parse_records(records({"test passed 0 A.One"}, forged), kSecret);
  EXPECT_NE(r.tampering.find("did not write"), std::string::npos) << r.tampering;
  EXPECT_TRUE(r.tests.empty());
}

// A test's start record comes before its end record and gives no status of its own: a test
// that started and never ended has no record (the run stopped in it).
TEST(ResultRecords, StartRecordsGiveNoStatus) {
  const ChannelRecords r =
      parse_records(records({"start A.One", "test passed 0 A.One", "start A.Two",
                             "test failed 0 A.Two", "start A.Three"}),
                    kSecret);
  EXPECT_EQ(r.tampering, "");
  EXPECT_FALSE(r.ended);
  ASSERT_EQ(r.tests.size(), 2u);
  EXPECT_EQ(r.tests.at("A.One").status, TestStatus::passed);
  EXPECT_EQ(r.tests.at("A.Two").status, TestStatus::failed);
}

// kills: a grader that takes any start record, such as one of a test already ended.
TEST(ResultRecords, StartOfAnEndedTestIsTampering) {
  EXPECT_NE(parse_records(records({"start A.One", "test passed 0 A.One", "start A.One"}), kSecret)
                .tampering,
            "");
  EXPECT_NE(parse_records(records({"start A.One A.Two"}), kSecret).tampering, "");
  EXPECT_NE(parse_records(records({"start"}), kSecret).tampering, "");
}

// kills: a grader that ignores the sequence number (a replayed or reordered record).
TEST(ResultRecords, OutOfSequenceIsTampering) {
  const std::string bytes = mw::harness::make_record(kSecret, 1, "test passed 0 A.One");
  EXPECT_NE(parse_records(bytes, kSecret).tampering, "");
}

// kills: a grader whose map keeps the last of two records of one test.
TEST(ResultRecords, SecondRecordOfATestIsTampering) {
  EXPECT_NE(
      parse_records(records({"test failed 0 A.One", "test passed 0 A.One"}), kSecret).tampering,
      "");
}

// kills: a grader that reads on after the end record.
TEST(ResultRecords, RecordAfterTheEndIsTampering) {
  EXPECT_NE(parse_records(records({"end 0", "test passed 0 A.One"}), kSecret).tampering, "");
}

// Bytes the harness did not write, even after valid records, refuse the run.
TEST(ResultRecords, GarbageAfterValidRecordsIsTampering) {
  const ChannelRecords r =
      parse_records(records({"test passed 0 A.One"}) + "MWR1 1 test passed 0 A.Two 00\n", kSecret);
  EXPECT_NE(r.tampering.find("'MWR1 1 test passed 0 A.Two 00'"), std::string::npos) << r.tampering;
}

// A record without its newline was not written by the harness (its writes are whole lines).
TEST(ResultRecords, UnfinishedLineIsTampering) {
  std::string bytes = records({"test passed 0 A.One"});
  bytes.pop_back();
  EXPECT_NE(parse_records(bytes, kSecret).tampering, "");
}

// A status the protocol does not have is tampering, not a guess.
TEST(ResultRecords, UnknownStatusIsTampering) {
  EXPECT_NE(parse_records(records({"test great 0 A.One"}), kSecret).tampering, "");
}

// What the harness itself saw (a replaced reporter) refuses the run, in its words.
TEST(ResultRecords, HarnessTamperRecordRefuses) {
  const ChannelRecords r = parse_records(
      records({"tamper GoogleTest's result reporter was replaced", "end 0"}), kSecret);
  EXPECT_NE(r.tampering.find("result reporter was replaced"), std::string::npos) << r.tampering;
}

// A child started with the channel attached reads the secret on descriptor 3 and signs a
// record on descriptor 4 that the grader accepts; the variable names both.
TEST(ResultChannelProcess, ChildGetsSecretAndRecordPipe) {
  ResultChannel channel;
  ProcessSpec spec;
  spec.argv = {"python3", "-c",
               "import hashlib, hmac, os\n"
               "assert os.environ['MW_HARNESS_FDS'] == '3,4'\n"
               "s = os.read(3, 64)\n"
               "m = '0 test passed 7 A.One'\n"
               "mac = hmac.new(s, m.encode(), hashlib.sha256).hexdigest()\n"
               "os.write(4, f'MWR1 {m} {mac}\\n'.encode())\n"};
  spec.limits.wall_seconds = 20;
  channel.attach(spec);
  const ProcessResult p = run_process(spec);
  ASSERT_TRUE(p.succeeded()) << p.output;
  const ChannelRecords r = channel.collect();
  EXPECT_EQ(r.tampering, "");
  ASSERT_EQ(r.tests.count("A.One"), 1u);
  EXPECT_EQ(r.tests.at("A.One").status, TestStatus::passed);
}

// A child that writes a record without the secret is caught.
TEST(ResultChannelProcess, ChildWithoutTheSecretIsCaught) {
  ResultChannel channel;
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "printf 'MWR1 0 test passed 0 A.One 0000\\n' >&4"};
  spec.limits.wall_seconds = 20;
  channel.attach(spec);
  ASSERT_TRUE(run_process(spec).succeeded());
  EXPECT_NE(channel.collect().tampering, "");
}

}  // namespace
}  // namespace grader
