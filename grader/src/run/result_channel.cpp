#include "run/result_channel.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "result_record.hpp"

namespace grader {
namespace {

// A record pipe of this size never fills with the records of a real suite (each is under
// 2.3 KB, a failure's text at most 2 KB, and a suite has tens of tests), so the harness never
// blocks on it while the grader waits for the process.
constexpr int kRecordPipeBytes = 1 << 20;
constexpr std::size_t kMaxRecordBytes = kRecordPipeBytes;
constexpr std::size_t kQuotedBytes = 60;  // of an invalid record, in the reason
constexpr double kMicrosPerSecond = 1e6;

void close_fd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// Returns: whether `a` and `b` are equal, in a time that does not depend on where they differ.
bool same_mac(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ |= static_cast<unsigned char>(a[i] ^ b[i]);
  return differ == 0;
}

std::string quoted(std::string_view line) {
  std::string text(line.substr(0, kQuotedBytes));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < ' ' || static_cast<unsigned char>(c) > '~') c = '?';
  }
  return fmt::format("'{}{}'", text, line.size() > kQuotedBytes ? "…" : "");
}

// Returns: the body of `line` when it is record number `seq` signed with `secret`, else "".
std::string checked_body(std::string_view line, std::string_view secret, std::uint64_t seq) {
  const std::string head = fmt::format("{} {} ", mw::harness::kRecordTag, seq);
  const std::size_t mac_at = line.rfind(' ');
  if (line.rfind(head, 0) != 0 || mac_at == std::string_view::npos || mac_at < head.size())
    return "";
  const std::string_view signed_part =
      line.substr(mw::harness::kRecordTag.size() + 1, mac_at - mw::harness::kRecordTag.size() - 1);
  if (!same_mac(line.substr(mac_at + 1), mw::harness::record_mac(secret, signed_part))) return "";
  return std::string(line.substr(head.size(), mac_at - head.size()));
}

// Adds the test of a "test <status> <micros> <name>" body, which for a failure or a skip by
// the suite may end with its text (escape_line); returns: false when malformed.
bool add_test(ChannelRecords& records, const std::string& body) {
  std::istringstream in(body);
  std::string kind, status, name, text;
  long long micros = 0;
  if (!(in >> kind >> status >> micros >> name) || records.tests.count(name) != 0) return false;
  std::getline(in >> std::ws, text);
  if (!text.empty() && status != mw::harness::kSkipped && status != mw::harness::kFailed)
    return false;
  TestRecord record{.message = mw::harness::unescape_line(text),
                    .seconds = static_cast<double>(micros) / kMicrosPerSecond};
  if (status == mw::harness::kPassed) {
    record.status = TestStatus::passed;
  } else if (status == mw::harness::kFailed) {
    record.status = TestStatus::failed;
  } else if (status == mw::harness::kSkipped) {
    record.status = TestStatus::skipped;
  } else if (status == mw::harness::kSkippedByLearner) {
    record.status = TestStatus::failed;
    record.overridden = true;
    record.message = "the code under test skipped this test: only the suite itself may skip one";
  } else {
    return false;
  }
  records.tests.emplace(name, std::move(record));
  return true;
}

// Whether a "start <name>" body names one test that has no record yet. A start record only
// restarts the grader's clock for the test (stall_check); statuses come from test records.
bool valid_start(const ChannelRecords& records, const std::string& body) {
  std::istringstream in(body);
  std::string kind, name, extra;
  return static_cast<bool>(in >> kind >> name) && !(in >> extra) && records.tests.count(name) == 0;
}

// Whether `body` is a record the harness writes, and, for a test record, adds it.
bool accept(ChannelRecords& records, const std::string& body) {
  if (body.rfind("test ", 0) == 0) return add_test(records, body);
  if (body.rfind("start ", 0) == 0) return valid_start(records, body);
  return body.rfind("tamper ", 0) == 0 || body.rfind("end ", 0) == 0;
}

}  // namespace

ChannelRecords parse_records(std::string_view bytes, std::string_view secret) {
  ChannelRecords records;
  std::uint64_t seq = 0;
  while (!bytes.empty()) {
    const std::size_t end = bytes.find('\n');
    const std::string_view line = bytes.substr(0, end);
    bytes = end == std::string_view::npos ? std::string_view() : bytes.substr(end + 1);
    const std::string body = checked_body(line, secret, seq++);
    const bool valid =
        !body.empty() && !records.ended && end != std::string_view::npos && accept(records, body);
    if (!valid) {
      records.tampering =
          "the suite's result channel carried a record its harness did not write: " + quoted(line);
      return records;
    }
    if (body.rfind("tamper ", 0) == 0) {
      records.tampering = "the code under test tampered with the test harness: " + body.substr(7);
      return records;
    }
    records.ended = body.rfind("end ", 0) == 0;
  }
  return records;
}

ResultChannel::ResultChannel() : secret_(mw::harness::kSecretBytes, '\0') {
  if (getrandom(secret_.data(), secret_.size(), 0) != static_cast<ssize_t>(secret_.size()))
    throw std::runtime_error(fmt::format("getrandom: {}", std::strerror(errno)));
  int secret_pipe[2];
  int record_pipe[2];
  if (pipe2(secret_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
  secret_read_ = secret_pipe[0];
  const bool written =
      write(secret_pipe[1], secret_.data(), secret_.size()) == static_cast<ssize_t>(secret_.size());
  close(secret_pipe[1]);  // the harness reads the secret, then end of file
  if (!written || pipe2(record_pipe, O_CLOEXEC) != 0) {
    close_fd(secret_read_);
    throw std::runtime_error(fmt::format("result channel: {}", std::strerror(errno)));
  }
  record_read_ = record_pipe[0];
  record_write_ = record_pipe[1];
  fcntl(record_read_, F_SETPIPE_SZ, kRecordPipeBytes);
  fcntl(record_read_, F_SETFL, O_NONBLOCK);
}

ResultChannel::~ResultChannel() {
  close_fd(secret_read_);
  close_fd(record_read_);
  close_fd(record_write_);
}

void ResultChannel::attach(ProcessSpec& spec) const {
  spec.inherited_fds = {secret_read_, record_write_};
  spec.env[mw::harness::kFdsVariable] = "3,4";
}

std::size_t ResultChannel::poll() {
  std::array<char, 1 << 16> buffer{};
  while (received_.size() < kMaxRecordBytes) {
    const ssize_t n = read(record_read_, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of file, or nothing more for now (the pipe does not block)
    const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
    lines_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
    received_ += chunk;
  }
  return lines_;
}

ChannelRecords ResultChannel::collect() {
  close_fd(secret_read_);
  close_fd(record_write_);
  poll();  // a descendant that still holds the pipe cannot make this wait
  return parse_records(received_, secret_);
}

}  // namespace grader
