// guard/tamper_guard.hpp — refusing learner code that could forge its own verdict, before it
// is built (its preprocessed text) and after (its objects' symbols).
//
// A learner file that installs a fake GoogleTest result reporter in a static object, or
// defines `__lsan_is_turned_off` to hide its leaks, compiles and passes like honest code: no
// test can catch it, because it changes what the tests report. So the grader refuses such an
// exercise (status refused, 0 points) without running it:
//  1. before the build, each learner file is preprocessed (`-E`) with the flags of each of its
//     builds, read from the tree's compile_commands.json, inside the build's sandbox; the
//     tokens of the learner's own lines (told apart by the line markers) must not use what
//     guard/rules.hpp forbids, no learner file may hold a line directive (it would pass the
//     lines after it off as a system header's), and no forbidden header may be included;
//  2. after the build, `nm -C` lists the learner library's objects (guard/symbols.hpp).
// A learner file is any file under the graded tree, not only those the manifest lists: a
// learner could include one of their own.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "build/tree_build.hpp"
#include "guard/compile_commands.hpp"
#include "manifest/manifest.hpp"

namespace grader {

/// The guard's answer on one exercise before its build.
struct GuardVerdict {
  std::string refused;  ///< why the exercise is refused, one line naming file and line; "" if not
  /// false when a learner file could not be preprocessed (a missing header, a compiler limit):
  /// the build then fails the same way; if it builds after all, grade() refuses it.
  bool checked = true;
};

class TamperGuard {
 public:
  /// Effects: reads `build`'s compile_commands.json (none before the tree is configured).
  /// `workspace` is the graded tree, `course` the course root (its exercises' given files are
  /// the course's, even where the graded tree is the course's exercises/).
  TamperGuard(const TreeBuild& build, const std::filesystem::path& workspace,
              const std::filesystem::path& course);

  /// Effects: preprocesses each learner file of `manifest`'s exercise under each of its builds,
  /// unless the answer it last stored for the exercise still holds (guard/guard_memo.hpp).
  /// Returns: the verdict. Throws: nothing for anything the learner's files do.
  GuardVerdict check_sources(const Manifest& manifest) const;

  /// Effects: lists the symbols of the learner library's objects of every build variant,
  /// unless it did for these very objects before (guard/guard_memo.hpp).
  /// Returns: why the exercise is refused, or "" (also when it has no learner objects: its
  /// learner files are all headers, compiled into the suite's own objects).
  /// Requires: the exercise built.
  std::string audit_objects(const Manifest& manifest) const;

 private:
  struct Job {
    std::filesystem::path source;
    const CompileCommand* command = nullptr;
  };
  bool is_learner(const std::filesystem::path& file, const Manifest& manifest) const;
  std::vector<Job> preprocess_jobs(const Manifest& manifest, bool& complete) const;
  std::string memo_key(const Manifest& manifest, const std::vector<Job>& jobs, bool complete) const;
  GuardVerdict check_now(const Manifest& manifest, const std::vector<Job>& jobs,
                         std::vector<std::string>& scanned) const;
  std::string check_one(const Job& job, const std::filesystem::path& output,
                        const Manifest& manifest, std::vector<std::string>& scanned,
                        bool& checked) const;
  std::string symbol_finding(const std::string& nm_output, const Manifest& manifest,
                             const std::vector<std::string>& argv,
                             const std::vector<std::filesystem::path>& sources) const;
  std::filesystem::path guard_dir(const Manifest& manifest) const;
  std::string relative(const std::filesystem::path& file) const;

  const TreeBuild& build_;
  std::filesystem::path workspace_;  ///< weakly canonical, as the tree's CMake names its files
  std::filesystem::path course_;
  std::vector<CompileCommand> commands_;
};

}  // namespace grader
