#include "run/suite_runner.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "build/tree_build.hpp"
#include "process/process.hpp"
#include "process/scratch_dir.hpp"
#include "run/gtest_output.hpp"
#include "run/result_channel.hpp"
#include "run/sanitizer_summary.hpp"
#include "sandbox/sandbox.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReportedMessageBytes = 4096;  // per test, in the report
constexpr std::size_t kSanitizerLines = 48;  // of a sanitizer report's summary, in the message
constexpr std::size_t kOutputLines = 20;     // of a crashed test's own output, in the message
constexpr std::size_t kListingLines = 10;    // of a suite's output when it cannot list its tests
constexpr double kStartupSeconds = 3;        // a process's own start and exit, beyond the test
constexpr double kRecordSlackSeconds = 1;    // between two records, beyond the test's limit
// In a run of several tests, one that goes this share of test_seconds without its end record
// stops the run: it is then judged alone with all of its test_seconds, so waiting the whole
// limit here too would only make a hang cost 2 x test_seconds and more.
constexpr double kTogetherStallShare = 0.5;
constexpr double kListingSeconds = 30;  // --gtest_list_tests: runs static initializers only
// An unsanitized suite gets this much address space; sanitized ones reserve terabytes of
// shadow memory, so they are held by the sanitizers' own RSS limit instead.
constexpr std::size_t kUnsanitizedAddressSpace = 4ull << 30;
constexpr int kSanitizerRssLimitMb = 3072;

// What marks a sanitizer finding, as opposed to a notice such as ASan's
// "WARNING: failed to allocate" when allocator_may_return_null lets malloc fail.
constexpr const char* kFindingMarkers[] = {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                           "runtime error:", "WARNING: ThreadSanitizer",
                                           "ERROR: ThreadSanitizer"};

bool has_finding(const std::string& log) {
  return std::any_of(std::begin(kFindingMarkers), std::end(kFindingMarkers),
                     [&](const char* marker) { return log.find(marker) != std::string::npos; });
}

// UBSan linked into the ASan runtime ignores log_path: its reports reach only the output.
constexpr const char* kUbsanMarker = "runtime error:";

// ASan writes up a signal it caught ("ERROR: AddressSanitizer: SEGV on unknown address ...",
// "... stack-overflow on address ..."): that is a crash, not a finding, though the report
// is still the best message for it.
bool is_caught_signal(const std::string& report) {
  return report.find("ERROR: AddressSanitizer: ") != std::string::npos &&
         (report.find(" on unknown address") != std::string::npos ||
          report.find("stack-overflow on address") != std::string::npos);
}

// One process of the suite. Statuses come from its authenticated records only; the
// GoogleTest JSON file it wrote (which its own code could have written) gives messages.
struct Invocation {
  ProcessResult process;
  ChannelRecords records;
  std::optional<std::vector<GtestResult>> results;  // untrusted: messages only
  std::string sanitizer_report;                     // empty when no sanitizer reported a finding

  /// Returns: the record of test `name`, or nullptr when the harness sent none.
  const TestRecord* record_of(const std::string& name) const {
    const auto it = records.tests.find(name);
    return it == records.tests.end() ? nullptr : &it->second;
  }

  /// Returns: what GoogleTest's JSON file says went wrong in test `name`, else "".
  std::string message_of(const std::string& name) const {
    if (!results) return "";
    for (const GtestResult& r : *results) {
      if (r.name == name) return r.message;
    }
    return "";
  }
};

// Returns: why `inv`'s GoogleTest JSON file cannot be the one GoogleTest wrote, or "".
// GoogleTest writes it once, at the end of the run, from the results the harness recorded
// just before: a test in it that ended otherwise than its record, or that has no record,
// was written by the code under test.
std::string forged_results(const Invocation& inv) {
  if (!inv.results) return "";
  for (const GtestResult& r : *inv.results) {
    if (r.status == TestStatus::not_run) continue;  // listed or filtered out, not run
    const TestRecord* record = inv.record_of(r.name);
    if (record == nullptr)
      return fmt::format("GoogleTest's result file reports {}, which its harness never recorded",
                         r.name);
    const TestStatus recorded = record->overridden ? TestStatus::skipped : record->status;
    if (r.status != recorded)
      return fmt::format("GoogleTest's result file says {} {}, its harness recorded it {}", r.name,
                         to_string(r.status), to_string(recorded));
  }
  return "";
}

// Returns: a should_stop check for a run whose records arrive on `channel`: true once no
// record has arrived for `seconds` and some slack (more before the first record, which waits
// for the process to start). The harness sends a record as each test starts and one as it
// ends, so this is a test going `seconds` from its own start. The records sent until then
// stay trusted.
std::function<bool()> stall_check(ResultChannel& channel, double seconds) {
  struct Progress {
    std::size_t lines = 0;
    std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();
  };
  auto progress = std::make_shared<Progress>();
  return [&channel, seconds, progress] {
    const auto now = std::chrono::steady_clock::now();
    const std::size_t lines = channel.poll();
    if (lines != progress->lines) {
      *progress = Progress{.lines = lines, .since = now};
      return false;
    }
    const double slack = lines == 0 ? kStartupSeconds : kRecordSlackSeconds;
    return std::chrono::duration<double>(now - progress->since).count() > seconds + slack;
  };
}

// Runs and reads one process of the suite. Every file it reads is in `scratch`, named
// with a serial number so a previous invocation's files are never read again.
class SuiteProcess {
 public:
  SuiteProcess(const fs::path& binary, std::string sanitize, const fs::path& scratch,
               std::optional<SandboxPolicy> sandbox)
      : binary_(fs::absolute(binary)),  // it runs in the scratch directory
        sanitize_(std::move(sanitize)),
        results_dir_(scratch / "results"),
        work_dir_(scratch / "work"),
        sandbox_(std::move(sandbox)) {
    fs::create_directories(results_dir_);
    fs::create_directories(work_dir_);
    if (sandbox_) sandbox_->writable.push_back(fs::weakly_canonical(scratch));
  }

  /// Runs the suite with `args` within `wall_seconds`; when `stall_seconds` > 0, also stops
  /// it once a test has gone that long (plus slack) without its end record arriving.
  Invocation run(std::vector<std::string> args, double wall_seconds, double stall_seconds = 0) {
    const int serial = serial_++;
    const fs::path results = results_dir_ / fmt::format("gtest-{}.json", serial);
    const std::string sanitizer_log = (results_dir_ / fmt::format("sanitizer-{}", serial)).string();
    // The suite's code can write this directory: a result file it planted for a later
    // run must not stand in for one that run never wrote (it crashed first).
    std::error_code planted;
    fs::remove(results, planted);
    ProcessSpec spec = spec_for(std::move(args), wall_seconds, results, sanitizer_log);

    Invocation inv;
    ResultChannel channel;
    channel.attach(spec);
    if (stall_seconds > 0) spec.should_stop = stall_check(channel, stall_seconds);
    inv.process = run_confined(std::move(spec), sandbox_);
    inv.records = channel.collect();
    inv.results = read_gtest_json(results);
    if (inv.records.tampering.empty()) inv.records.tampering = forged_results(inv);
    inv.sanitizer_report = read_sanitizer_logs(sanitizer_log);
    if (!has_finding(inv.sanitizer_report) &&
        inv.process.output.find(kUbsanMarker) != std::string::npos) {
      inv.sanitizer_report = inv.process.output;
    }
    if (!has_finding(inv.sanitizer_report)) inv.sanitizer_report.clear();
    return inv;
  }

 private:
  ProcessSpec spec_for(std::vector<std::string> args, double wall_seconds, const fs::path& results,
                       const std::string& sanitizer_log) const {
    ProcessSpec spec;
    spec.argv = {binary_.string(), "--gtest_output=json:" + results.string()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.cwd = work_dir_;
    spec.limits.wall_seconds = wall_seconds;
    spec.env = sanitizer_environment(sanitizer_log);
    spec.env["GTEST_COLOR"] = "no";
    if (sanitize_ == "none") spec.limits.address_space_bytes = kUnsanitizedAddressSpace;
    return spec;
  }

  // Sanitizers write their reports to files of ours, not to the test's output.
  std::map<std::string, std::string> sanitizer_environment(const std::string& log) const {
    std::string common =
        fmt::format("log_path={}:halt_on_error=1:hard_rss_limit_mb={}", log, kSanitizerRssLimitMb);
    const TreeToolchain& toolchain = tree_toolchain();
    if (!toolchain.sanitizer_options.empty()) common += ":" + toolchain.sanitizer_options;
    std::string thread = common + ":second_deadlock_stack=1";
    if (!toolchain.thread_sanitizer_options.empty())
      thread += ":" + toolchain.thread_sanitizer_options;
    return {
        {"ASAN_OPTIONS", common + ":detect_leaks=1:allocator_may_return_null=1:abort_on_error=0"},
        {"UBSAN_OPTIONS", common + ":print_stacktrace=1"},
        {"TSAN_OPTIONS", thread},
        {"LSAN_OPTIONS", "log_path=" + log},
    };
  }

  std::string read_sanitizer_logs(const std::string& prefix) const {
    std::string report;
    for (const auto& entry : fs::directory_iterator(results_dir_)) {
      if (entry.path().string().rfind(prefix + ".", 0) != 0) continue;
      report += read_file(entry.path()).value_or("");
    }
    return report;
  }

  fs::path binary_;
  std::string sanitize_;
  fs::path results_dir_;
  fs::path work_dir_;
  std::optional<SandboxPolicy> sandbox_;
  int serial_ = 0;
};

// Returns: the paths, as suffixes ("/07-arc/arc.hpp"), by which a sanitizer's stack frame
// is known to be in the learner's own code.
std::vector<std::string> learner_file_suffixes(const Manifest& m) {
  std::vector<std::string> suffixes;
  suffixes.reserve(m.files.size());
  for (const std::string& file : m.files) suffixes.push_back(fmt::format("/{}/{}", m.id, file));
  return suffixes;
}

// What a learner needs of a sanitizer report (run/sanitizer_summary.hpp), from its finding on.
std::string sanitizer_summary(const std::string& report, const std::vector<std::string>& files) {
  std::string_view text = report;
  for (const char* marker : kFindingMarkers) {
    const std::size_t at = text.find(marker);
    if (at != std::string_view::npos) {
      const std::size_t line_start = text.rfind('\n', at);
      text = text.substr(line_start == std::string_view::npos ? 0 : line_start + 1);
      break;
    }
  }
  return first_lines(summarize_sanitizer_report(text, files), kSanitizerLines);
}

// Returns: the message of test `name`, whose record is `record`: the record's own (the
// grader overrode GoogleTest, or the harness sent the failure or the skip's reason) before
// GoogleTest's file, which a run that a later test crashed never wrote.
std::string reported_message(const Invocation& inv, const std::string& name,
                             const TestRecord& record) {
  return record.overridden || !record.message.empty() ? record.message : inv.message_of(name);
}

// The verdict on one test run in a process of its own; `files` name the learner's files.
TestReport judge_isolated(const std::string& name, const Invocation& inv,
                          const std::vector<std::string>& files) {
  TestReport t;
  t.name = name;
  t.seconds = inv.process.seconds;
  const TestRecord* reported = inv.record_of(name);
  const bool caught_signal = is_caught_signal(inv.sanitizer_report);
  if (!inv.sanitizer_report.empty() && !caught_signal) {
    t.status = TestStatus::sanitizer;
    t.message = sanitizer_summary(inv.sanitizer_report, files);
  } else if (inv.process.timed_out) {
    t.status = TestStatus::timeout;
    t.message = "the test did not finish: " + inv.process.describe();
  } else if (caught_signal) {
    t.status = TestStatus::crashed;
    t.message = "the test crashed:\n" + sanitizer_summary(inv.sanitizer_report, files);
  } else if (inv.process.signal != 0) {
    t.status = TestStatus::crashed;
    t.message = "the test crashed: " + inv.process.describe();
  } else if (reported == nullptr) {
    t.status = TestStatus::crashed;
    t.message = fmt::format("the test ended its process ({}) before reporting a result",
                            inv.process.describe());
  } else {
    t.status = reported->status;
    t.message = reported_message(inv, name, *reported);
    t.seconds = reported->seconds;
    if (t.status == TestStatus::passed && inv.process.exit_code != 0) {
      t.status = TestStatus::failed;
      t.message =
          fmt::format("the test passed, then its process ended with {}", inv.process.describe());
    }
  }
  if (!inv.process.output.empty() && t.status != TestStatus::passed &&
      t.status != TestStatus::skipped && t.status != TestStatus::failed &&
      t.status != TestStatus::sanitizer) {
    t.message += "\n--- output ---\n" + first_lines(inv.process.output, kOutputLines);
  }
  t.message = truncate_utf8(t.message, kReportedMessageBytes);
  return t;
}

// Returns: whether one whole-suite run can be trusted for every listed test: it ended
// normally, with a record for each, and no sanitizer finding.
bool is_clean(const Invocation& inv, const std::vector<std::string>& names) {
  if (!inv.records.ended || inv.process.timed_out || inv.process.signal != 0 ||
      !inv.sanitizer_report.empty())
    return false;
  bool any_failed = false;
  for (const std::string& name : names) {
    const TestRecord* record = inv.record_of(name);
    if (record == nullptr) return false;
    // A skip by the code under test is a failure to us, not to GoogleTest's exit code.
    any_failed = any_failed || (record->status == TestStatus::failed && !record->overridden);
  }
  // GoogleTest exits 1 exactly when a test failed; anything else is the code under test.
  return inv.process.exit_code == (any_failed ? 1 : 0);
}

// Returns: every listed test as not run, for an exercise refused for tampering.
std::vector<TestReport> refused_tests(const std::vector<std::string>& names) {
  std::vector<TestReport> tests;
  tests.reserve(names.size());
  for (const std::string& name : names)
    tests.push_back(TestReport{.name = name,
                               .status = TestStatus::not_run,
                               .message = "not graded: the code under test tampered with grading"});
  return tests;
}

// Returns: whether `inv` showed tampering; if so, `suite` is refused with every test not run.
bool refused_for_tampering(const Invocation& inv, const std::vector<std::string>& names,
                           SuiteResult& suite) {
  if (inv.records.tampering.empty()) return false;
  suite.refusal = inv.records.tampering;
  suite.tests = refused_tests(names);
  return true;
}

// Returns: the suite's tests as it lists them; empty, with `suite.error` saying why, when
// it cannot list them.
std::vector<std::string> list_tests(SuiteProcess& process, SuiteResult& suite) {
  const Invocation listing = process.run({"--gtest_list_tests"}, kListingSeconds);
  if (!listing.results || listing.results->empty()) {
    suite.error =
        fmt::format("the suite could not list its tests ({}){}", listing.process.describe(),
                    listing.process.output.empty()
                        ? ""
                        : ":\n" + first_lines(listing.process.output, kListingLines));
    suite.error = truncate_utf8(suite.error, kReportedMessageBytes);
    return {};
  }
  std::vector<std::string> names;
  names.reserve(listing.results->size());
  for (const GtestResult& r : *listing.results) names.push_back(r.name);
  if (refused_for_tampering(listing, names, suite)) return {};
  suite.listed = true;
  return names;
}

// Returns: test `name`'s verdict as its record in `inv` gives it. Requires: it has one.
TestReport from_record(const Invocation& inv, const std::string& name) {
  const TestRecord& record = *inv.record_of(name);
  return TestReport{
      .name = name,
      .status = record.status,
      .message = truncate_utf8(reported_message(inv, name, record), kReportedMessageBytes),
      .seconds = record.seconds};
}

// Returns: whether the records of an unclean run stand for the tests they cover. They do
// when the run stopped before some test's record (a hang, a crash, an exit, a sanitizer
// halting at its first finding): each record was sent as its test ended, before the
// trouble, which belongs to the first test without one. When every test has a record but
// the run still ended badly (a crash at exit, a leak found at exit), the trouble may
// belong to any test: no record stands, and every test runs again alone.
bool records_stand(const Invocation& run, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& name) { return run.record_of(name) == nullptr; });
}

// The grading of some of one suite's listed tests: the verdicts reached, and the budget that
// the runs after the first unclean one share (manifest.suite_seconds, from that moment).
class ListedTests {
 public:
  /// Requires: `names` are some of the `listed` tests the suite lists, in its order.
  ListedTests(SuiteProcess& process, const Manifest& manifest, std::vector<std::string> names,
              std::size_t listed)
      : process_(process), manifest_(manifest), names_(std::move(names)), listed_(listed) {}

  /// Effects: runs the tests together, and after a run stopped by a test, that test alone
  /// and the rest together again, until each has a verdict. Returns: false when the code
  /// under test tampered with grading (`suite` is then refused).
  bool grade(SuiteResult& suite) {
    std::vector<std::string> remaining = names_;
    while (!remaining.empty()) {
      // One test left is judged alone at once: a run "together" would stop it early.
      if (remaining.size() == 1) return run_alone(remaining.front(), suite);
      const Invocation run = run_together(remaining);
      if (refused_for_tampering(run, names_, suite)) return false;
      if (is_clean(run, remaining)) {
        keep_records(run, remaining);
        return true;
      }
      if (!budget_start_) budget_start_ = std::chrono::steady_clock::now();
      if (!records_stand(run, remaining)) {
        for (const std::string& name : remaining) {
          if (!run_alone(name, suite)) return false;
        }
        return true;
      }
      keep_records(run, remaining);
      const auto culprit = std::find_if(remaining.begin(), remaining.end(), [&](const auto& name) {
        return run.record_of(name) == nullptr;
      });
      if (!run_alone(*culprit, suite)) return false;
      std::vector<std::string> rest;
      std::copy_if(std::next(culprit), remaining.end(), std::back_inserter(rest),
                   [&](const std::string& name) { return run.record_of(name) == nullptr; });
      remaining = std::move(rest);
    }
    return true;
  }

  /// Returns: the verdicts, in the suite's order.
  std::vector<TestReport> verdicts() const {
    std::vector<TestReport> tests;
    tests.reserve(names_.size());
    for (const std::string& name : names_) tests.push_back(verdicts_.at(name));
    return tests;
  }

 private:
  double seconds_left() const {
    if (!budget_start_) return manifest_.suite_seconds;
    const auto spent = std::chrono::steady_clock::now() - *budget_start_;
    return manifest_.suite_seconds - std::chrono::duration<double>(spent).count();
  }

  // Runs `tests` in one process, stopped as soon as one goes kTogetherStallShare of
  // test_seconds without its end record; its deadline comes from the per-test limit, within
  // what is left of the budget.
  Invocation run_together(const std::vector<std::string>& tests) {
    const double limit =
        manifest_.test_seconds * static_cast<double>(tests.size()) + kStartupSeconds;
    std::vector<std::string> args;
    if (tests.size() < listed_)
      args.push_back(fmt::format("--gtest_filter={}", fmt::join(tests, ":")));
    return process_.run(args, std::min(limit, seconds_left()),
                        manifest_.test_seconds * kTogetherStallShare);
  }

  void keep_records(const Invocation& run, const std::vector<std::string>& tests) {
    for (const std::string& name : tests) {
      if (run.record_of(name) != nullptr) verdicts_[name] = from_record(run, name);
    }
  }

  // Judges test `name` in a process of its own, with test_seconds of its own from its start
  // record (and startup before it), unless the budget is spent. Returns: false when that
  // run tampered with grading.
  bool run_alone(const std::string& name, SuiteResult& suite) {
    const double left = seconds_left();
    if (left <= 0) {
      verdicts_[name] = TestReport{.name = name,
                                   .status = TestStatus::not_run,
                                   .message = "the suite's time limit was reached first"};
      return true;
    }
    const Invocation one = process_.run({"--gtest_filter=" + name},
                                        std::min(left, manifest_.test_seconds + kStartupSeconds),
                                        manifest_.test_seconds);
    if (refused_for_tampering(one, names_, suite)) return false;
    verdicts_[name] = judge_isolated(name, one, learner_file_suffixes(manifest_));
    return true;
  }

  SuiteProcess& process_;
  const Manifest& manifest_;
  std::vector<std::string> names_;
  std::size_t listed_;  // how many tests the suite lists: more than names_ needs a filter
  std::map<std::string, TestReport> verdicts_;
  std::optional<std::chrono::steady_clock::time_point> budget_start_;
};

// Runs the listed tests `wanted` holds (all when it is not set) so that a hang, a crash or
// an exit costs the guilty test only.
void run_listed(SuiteProcess& process, const Manifest& manifest,
                const std::vector<std::string>& names,
                const std::optional<std::set<std::string>>& wanted, SuiteResult& suite) {
  std::vector<std::string> run;
  std::copy_if(names.begin(), names.end(), std::back_inserter(run),
               [&](const std::string& name) { return !wanted || wanted->count(name) != 0; });
  if (run.empty()) return;
  ListedTests listed(process, manifest, std::move(run), names.size());
  if (listed.grade(suite)) suite.tests = listed.verdicts();
}

}  // namespace

SuiteResult run_suite(const fs::path& binary, const Manifest& manifest, const std::string& sanitize,
                      const std::optional<SandboxPolicy>& sandbox,
                      const std::optional<std::set<std::string>>& wanted) {
  SuiteResult suite;
  try {
    ScratchDir scratch;
    SuiteProcess process(binary, sanitize, scratch.path(), sandbox);
    const std::vector<std::string> names = list_tests(process, suite);
    if (suite.listed) run_listed(process, manifest, names, wanted, suite);
  } catch (const std::runtime_error& e) {  // no pipe or no randomness for the result channel
    suite.error = fmt::format("the suite could not be run: {}", e.what());
  }
  return suite;
}

}  // namespace grader
