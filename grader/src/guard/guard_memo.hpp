// guard/guard_memo.hpp — the tamper guard's last answer on each exercise, kept in the tree's
// build directory and given again while nothing it was reached from has changed.
//
// The guard preprocesses every learner file under every build variant (0.1-1.3 s an
// exercise) and lists the symbols of the learner objects (about 0.2 s), both again on each
// `check` of an unchanged tree, though the answer cannot have changed. The sources' answer
// depends on
//  - the grader's rules (its binary's digest), the exercise's manifest and the compiler;
//  - the `-E` commands it ran (flags, sources, working directories);
//  - which files the graded tree holds (a new header can change what an include finds);
//  - the content of every learner file the compiler read for it.
// All but the last are its key; the content of each learner file read is stored with the
// answer and compared on recall. The objects' answer is keyed by the objects' identities.
//
// Invariants: one file per exercise and check, <build dir>/guard/<id>/{sources,objects}.json,
// written atomically; recall() gives an answer only when its key, the grader's digest and
// every recorded file's SHA-256 match now. An answer reached without preprocessing every file
// (`checked` false) is never stored.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace grader {

/// What the guard answered on one exercise (see GuardVerdict), with what it read.
struct GuardAnswer {
  std::string refused;                            ///< why it was refused, or ""
  std::vector<std::filesystem::path> files_read;  ///< every learner file the answer rests on
};

class GuardMemo {
 public:
  /// `file` is where the answer is kept; `key` names what it was reached under.
  GuardMemo(std::filesystem::path file, std::string key)
      : file_(std::move(file)), key_(std::move(key)) {}

  /// Returns: the stored answer if its key is this memo's and no file it read has changed
  /// since; nullopt otherwise (none stored, unreadable, stale). Throws: nothing.
  std::optional<GuardAnswer> recall() const;

  /// Effects: stores `answer` with the SHA-256 of each of its files, atomically. A failure
  /// (a read-only build directory, a file gone) stores nothing and is not an error: the memo
  /// only saves time.
  void remember(const GuardAnswer& answer) const;

 private:
  std::filesystem::path file_;
  std::string key_;
};

/// Returns: the names (relative, in order) of every regular file under `tree`, one per line:
/// part of a memo key, since a file added or removed can change what an include finds.
std::string tree_listing(const std::filesystem::path& tree);

}  // namespace grader
