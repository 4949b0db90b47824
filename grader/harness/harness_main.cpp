// grader/harness/harness_main.cpp — the main() of every hidden suite, owned by the grader.
//
// It replaces gtest_main. Run by hand, it is gtest_main. Run by the grader (the
// environment names the descriptors of result_record.hpp), it:
// - takes the per-run secret before any learner static initializer runs (a constructor of
//   priority 101, which the linker orders before every default-priority one; the tamper
//   guard refuses learner code that declares constructor priorities of its own);
// - sends one authenticated record as each test starts and one as it ends, the grader's only
//   source of statuses (GoogleTest's JSON file is read for messages only);
// - checks at every test boundary that GoogleTest's result reporters are still the ones
//   it found before learner code ran, and after the run that every test was recorded (so
//   a swapped reporter or a removed listener is reported as tampering);
// - reports a skip as the suite's own only when its GTEST_SKIP is in a hidden suite source.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include <gtest/gtest.h>

// GoogleTest's implementation header (Debian's googletest package): the only way to read
// which result reporters are installed, which is what a ScopedFakeTestPartResultReporter
// planted by learner code changes.
#include "gtest-internal-inl.h"
#include "result_record.hpp"

#ifndef MW_SUITES_DIR
#error \
    "MW_SUITES_DIR must name the directory of the tests' own sources (cmake/Workbook.cmake sets it)"
#endif

namespace {

using testing::TestInfo;
using testing::TestPartResult;
using testing::TestPartResultReporterInterface;

// What the harness owns for the whole run. Invariant: `active` exactly when a full secret
// was read; then `record_fd` is the record pipe and `next_seq` the number of records sent.
struct Channel {
  bool active = false;
  std::string secret;
  int record_fd = -1;
  std::uint64_t next_seq = 0;
  TestPartResultReporterInterface* global_reporter = nullptr;
  TestPartResultReporterInterface* thread_reporter = nullptr;
  bool tamper_sent = false;
  std::set<std::string> recorded;  // names of the tests sent
};

Channel& channel() {
  static Channel instance;
  return instance;
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the grader will see the record missing
    done += static_cast<std::size_t>(n);
  }
}

void send(const std::string& body) {
  Channel& c = channel();
  if (!c.active) return;
  write_all(c.record_fd, mw::harness::make_record(c.secret, c.next_seq++, body));
}

// Reads exactly the secret from `fd`; returns: false when it was not all there.
bool read_secret(int fd, std::string& secret) {
  char buffer[mw::harness::kSecretBytes];
  std::size_t got = 0;
  while (got < sizeof buffer) {
    const ssize_t n = read(fd, buffer + got, sizeof buffer - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  secret.assign(buffer, sizeof buffer);
  return true;
}

std::pair<TestPartResultReporterInterface*, TestPartResultReporterInterface*> reporters() {
  testing::internal::UnitTestImpl* impl = testing::internal::GetUnitTestImpl();
  return {impl->GetGlobalTestPartResultReporter(),
          impl->GetTestPartResultReporterForCurrentThread()};
}

// Before any learner static initializer: take the secret, close its descriptor, hide the
// variable from the code under test, and note GoogleTest's own result reporters.
[[gnu::constructor(101)]] void take_secret() {
  const char* fds = std::getenv(mw::harness::kFdsVariable);
  if (fds == nullptr) return;  // run by hand: plain gtest_main
  int secret_fd = -1;
  int record_fd = -1;
  const bool named = std::sscanf(fds, "%d,%d", &secret_fd, &record_fd) == 2;
  unsetenv(mw::harness::kFdsVariable);
  if (!named) return;
  Channel& c = channel();
  const bool read = read_secret(secret_fd, c.secret);
  close(secret_fd);
  if (!read) return;                      // no records: the grader trusts no test of this run
  fcntl(record_fd, F_SETFD, FD_CLOEXEC);  // a program the tests start does not get it
  c.record_fd = record_fd;
  std::tie(c.global_reporter, c.thread_reporter) = reporters();
  c.active = true;
}

void check_reporters() {
  Channel& c = channel();
  if (!c.active || c.tamper_sent) return;
  if (reporters() == std::make_pair(c.global_reporter, c.thread_reporter)) return;
  c.tamper_sent = true;
  send("tamper GoogleTest's result reporter was replaced");
}

// Returns: whether every skip of `info` comes from a hidden suite source (a missing tool),
// not from the code under test.
bool skipped_by_suite(const TestInfo& info) {
  const std::string suites = MW_SUITES_DIR;
  const testing::TestResult& result = *info.result();
  for (int i = 0; i < result.total_part_count(); ++i) {
    const TestPartResult& part = result.GetTestPartResult(i);
    if (!part.skipped()) continue;
    const char* file = part.file_name();
    if (file == nullptr || std::string(file).rfind(suites, 0) != 0) return false;
  }
  return true;
}

std::string_view status_of(const TestInfo& info) {
  const testing::TestResult& result = *info.result();
  if (result.Failed()) return mw::harness::kFailed;
  if (result.Skipped())
    return skipped_by_suite(info) ? mw::harness::kSkipped : mw::harness::kSkippedByLearner;
  return mw::harness::kPassed;
}

// Whether these are hidden tests (cmake/Workbook.cmake says so): a learner has the visible
// tests' sources, so a failure there keeps its path.
#ifdef MW_HIDDEN_TESTS
constexpr bool kHiddenTests = true;
#else
constexpr bool kHiddenTests = false;
#endif

std::string full_name(const TestInfo& info) {
  return std::string(info.test_suite_name()) + "." + info.name();
}

// Returns: the text of one failed or skipped part of test `name`, for a learner: where it
// happened, a newline, its message. A place in a hidden suite's source (a path the learner
// does not have) is "in hidden test <name>, line N"; an exception GoogleTest caught, whose
// place is unknown, is "threw: <what()>".
std::string part_text(const TestPartResult& part, const std::string& name) {
  static const std::string kException = "C++ exception with description \"";
  static const std::string kThrownIn = "\" thrown in the test body.";
  const std::string message = part.message();
  if (part.file_name() == nullptr && message.rfind(kException, 0) == 0 &&
      message.ends_with(kThrownIn))
    return "threw: " +
           message.substr(kException.size(), message.size() - kException.size() - kThrownIn.size());
  std::string place = part.file_name() == nullptr ? "unknown file" : part.file_name();
  if (kHiddenTests && place.rfind(MW_SUITES_DIR, 0) == 0) place = "in hidden test " + name;
  if (part.file_name() != nullptr && part.line_number() >= 0)
    place +=
        (place.starts_with("in hidden") ? ", line " : ":") + std::to_string(part.line_number());
  return place + "\n" + message;
}

// Returns: what the grader shows for `info`, escaped onto one line and " "-prefixed: its
// failures, or why the suite skipped it; "" for a pass. The record carries it because
// GoogleTest's JSON is written only at the end of a run, and a run a later test crashes
// writes none: the earlier tests' messages would be lost (GoogleTest 1.12's JSON also
// leaves skip messages out).
std::string outcome_text(const TestInfo& info) {
  constexpr std::size_t kMaxOutcomeBytes = 2048;
  const std::string_view status = status_of(info);
  if (status != mw::harness::kFailed && status != mw::harness::kSkipped) return {};
  const testing::TestResult& result = *info.result();
  std::string text;
  for (int i = 0; i < result.total_part_count(); ++i) {
    const TestPartResult& part = result.GetTestPartResult(i);
    if (status == mw::harness::kFailed ? !part.failed() : !part.skipped()) continue;
    if (status == mw::harness::kSkipped) return " " + mw::harness::escape_line(part.message());
    text += (text.empty() ? "" : "\n") + part_text(part, full_name(info));
    if (text.size() >= kMaxOutcomeBytes) break;
  }
  return text.empty() ? "" : " " + mw::harness::escape_line(text.substr(0, kMaxOutcomeBytes));
}

class RecordingListener : public testing::EmptyTestEventListener {
 public:
  // The start record tells the grader which test runs from when: it stops a test that goes
  // its limit from here, not from the process's start or the previous test's end.
  void OnTestStart(const TestInfo& info) override {
    check_reporters();
    send("start " + full_name(info));
  }

  void OnTestEnd(const TestInfo& info) override {
    check_reporters();
    const std::string name = full_name(info);
    const long long micros = static_cast<long long>(info.result()->elapsed_time()) * 1000;
    send("test " + std::string(status_of(info)) + " " + std::to_string(micros) + " " + name +
         outcome_text(info));
    channel().recorded.insert(name);
  }
};

// After the run: a test that ran but was never recorded means the listener was removed.
void check_every_test_recorded() {
  if (GTEST_FLAG_GET(list_tests)) return;  // listed, not run
  const testing::UnitTest& unit = *testing::UnitTest::GetInstance();
  for (int s = 0; s < unit.total_test_suite_count(); ++s) {
    const testing::TestSuite& suite = *unit.GetTestSuite(s);
    for (int t = 0; t < suite.total_test_count(); ++t) {
      const TestInfo& info = *suite.GetTestInfo(t);
      const std::string name = full_name(info);
      if (info.should_run() && channel().recorded.count(name) == 0) {
        send("tamper the harness's listener was removed before " + name + " was recorded");
        return;
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  testing::UnitTest::GetInstance()->listeners().Append(new RecordingListener);
  const int failed = RUN_ALL_TESTS();
  check_reporters();
  check_every_test_recorded();
  send("end " + std::to_string(channel().recorded.size()));
  return failed;
}
