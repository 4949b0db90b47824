// run/result_channel.hpp — the grader's end of a suite's authenticated result records.
//
// The suite's harness (grader/harness) writes a record as each test starts and one as it
// ends, signed with a secret only this run of the grader and that process's harness know
// (the protocol is in grader/harness/result_record.hpp). A test's status comes from its end
// record, never from what the process printed or the files it could write. Anything on the
// channel that is not a valid record in sequence is tampering, and so is a record of
// tampering the harness itself sent (a replaced result reporter, a removed listener).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "model/report.hpp"
#include "process/process.hpp"

namespace grader {

/// One test as its authenticated record gives it.
struct TestRecord {
  TestStatus status = TestStatus::not_run;  ///< passed, failed or skipped
  /// The grader judged otherwise than GoogleTest (a skip by the code under test is a
  /// failure); `message` then says why.
  bool overridden = false;
  std::string message;
  double seconds = 0;
};

/// What one run of a suite sent over its channel.
struct ChannelRecords {
  std::map<std::string, TestRecord> tests;  ///< by "Suite.Test"
  bool ended = false;     ///< the harness's last record arrived: the run ended normally
  std::string tampering;  ///< empty, or one line saying what was tampered with
};

/// Returns: the records in `bytes`, all that the record pipe carried, checked against
/// `secret`. The first invalid record sets `tampering` and ends the reading.
ChannelRecords parse_records(std::string_view bytes, std::string_view secret);

/// The pipes and secret of one suite process. Use: construct, attach() to the process's
/// spec, run it, then collect().
class ResultChannel {
 public:
  /// Effects: makes a fresh random secret and the two pipes, the secret already written.
  /// Throws: std::runtime_error when the system refuses a pipe or randomness.
  ResultChannel();
  ~ResultChannel();
  ResultChannel(const ResultChannel&) = delete;
  ResultChannel& operator=(const ResultChannel&) = delete;

  /// Effects: gives `spec` the child's ends of both pipes (as its descriptors 3 and 4)
  /// and the variable that tells the harness where they are.
  void attach(ProcessSpec& spec) const;

  /// Effects: reads what the record pipe holds now, without waiting (while the process
  /// runs). Returns: how many lines have arrived in all, records or not.
  std::size_t poll();

  /// Requires: the process attached to has ended. Effects: closes the child's ends and
  /// reads everything the record pipe still holds. Returns: parse_records of all of it.
  ChannelRecords collect();

 private:
  std::string secret_;
  std::string received_;   // every byte read from the record pipe, at most kMaxRecordBytes
  std::size_t lines_ = 0;  // newlines in received_
  int secret_read_ = -1;   // the child's: holds the secret
  int record_read_ = -1;   // ours
  int record_write_ = -1;  // the child's
};

}  // namespace grader
