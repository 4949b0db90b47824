// grader/harness/result_record.hpp — the records a hidden suite's harness sends the grader.
//
// The grader starts each suite process with two inherited descriptors, named in the
// environment variable kFdsVariable as "<secret fd>,<record fd>": a pipe holding
// kSecretBytes random bytes, which the harness reads and closes before any learner code
// runs, and the write end of a pipe the grader reads as the records arrive (to see a test go
// past its limit) and once the process has ended.
//
// Each record is one line:  MWR1 <seq> <body> <mac>
//   seq   0, 1, 2, … in the order written: a record dropped, repeated or reordered shows
//   body  "start <name>" | "test <status> <microseconds> <name>" | "tamper <what>" |
//         "end <tests run>"; a test's start record comes before its test record
//   mac   HMAC-SHA256 of "<seq> <body>" keyed with the secret, in lowercase hex
// Learner code shares the process and can write to the record pipe, but without the secret
// it cannot write a record the grader accepts: anything else on the pipe is tampering.
//
// Header-only: compiled into the harness (every suite) and into the grader.
#pragma once

#include <nettle/hmac.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mw::harness {

inline constexpr std::size_t kSecretBytes = 32;
inline constexpr const char* kFdsVariable = "MW_HARNESS_FDS";
inline constexpr std::string_view kRecordTag = "MWR1";
/// Record statuses of one test ("test <status> …").
inline constexpr std::string_view kPassed = "passed";
inline constexpr std::string_view kFailed = "failed";
inline constexpr std::string_view kSkipped = "skipped";  ///< by the suite itself
inline constexpr std::string_view kSkippedByLearner = "learner-skip";

/// Returns: the HMAC-SHA256 of `message` keyed with `secret`, as 64 lowercase hex digits.
inline std::string record_mac(std::string_view secret, std::string_view message) {
  hmac_sha256_ctx context;
  hmac_sha256_set_key(&context, secret.size(),
                      reinterpret_cast<const std::uint8_t*>(secret.data()));
  hmac_sha256_update(&context, message.size(),
                     reinterpret_cast<const std::uint8_t*>(message.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  hmac_sha256_digest(&context, sizeof digest, digest);
  constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const std::uint8_t byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xf];
  }
  return hex;
}

/// Returns: `text` on one line, for the end of a test record: '\\' becomes "\\\\" and a
/// newline "\\n". unescape_line() undoes it.
inline std::string escape_line(std::string_view text) {
  std::string line;
  for (const char c : text) {
    if (c == '\\') {
      line += "\\\\";
    } else if (c == '\n') {
      line += "\\n";
    } else {
      line += c;
    }
  }
  return line;
}

/// Returns: the text escape_line() made `line` from (a stray '\\' is kept as it is).
inline std::string unescape_line(std::string_view line) {
  std::string text;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == 'n' || line[i + 1] == '\\')) {
      text += line[++i] == 'n' ? '\n' : '\\';
    } else {
      text += line[i];
    }
  }
  return text;
}

/// Returns: the record line (newline included) numbered `seq` carrying `body`.
inline std::string make_record(std::string_view secret, std::uint64_t seq, std::string_view body) {
  const std::string signed_part = std::to_string(seq) + " " + std::string(body);
  return std::string(kRecordTag) + " " + signed_part + " " + record_mac(secret, signed_part) + "\n";
}

}  // namespace mw::harness
