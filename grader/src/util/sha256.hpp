// util/sha256.hpp — SHA-256 digests (nettle) for the keys batch grading trusts.
//
// The verdict cache and the resume check decide whether a student's code is graded at
// all, so their keys must not collide on purpose: a cryptographic hash, not std::hash.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <nettle/sha2.h>

namespace grader {

class Sha256 {
 public:
  Sha256();

  /// Effects: hashes `bytes` as they are.
  Sha256& update(std::string_view bytes);

  /// Effects: hashes `bytes` prefixed by their length, so that a sequence of
  /// fields can never be read as another sequence ("ab","c" differs from "a","bc").
  Sha256& field(std::string_view bytes);

  /// Effects: hashes every regular file under `dir` (recursively, in path order) as
  /// the fields (relative path, content); a missing `dir` hashes as empty.
  /// Throws: std::runtime_error when a file cannot be read.
  Sha256& tree(const std::filesystem::path& dir);

  /// Returns: the digest in lowercase hex. Invalidates the object (nettle resets it).
  std::string hex();

 private:
  sha256_ctx ctx_{};
};

/// Returns: the lowercase hex SHA-256 of exactly `bytes` (as `sha256sum` prints it).
std::string sha256_hex(std::string_view bytes);

/// Returns: the SHA-256 of the running grader's own binary, computed once per process
/// ("unknown" where it cannot be read). Whatever the grader remembers between runs (verdicts,
/// the tamper guard's answers) is kept under it, so a grader with other rules, even under
/// the same version number, never replays an older one's.
const std::string& grader_digest();

}  // namespace grader
