// guard/rules.hpp — what the tamper guard refuses in a learner's code.
//
// Learner code that forges a verdict needs the test framework (`testing::`, a GoogleTest
// header), the sanitizers' hooks (`__lsan_is_turned_off`), code that runs outside the tests
// (`constructor` attributes), a symbol standing for another (`alias`, `asm` labels, `#pragma
// weak`), or a way around all of these (`dlsym`, `syscall`, `asm`). None of it belongs in an
// exercise, so the guard refuses the first such use instead of building it.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "guard/preprocessed.hpp"
#include "manifest/tamper.hpp"

namespace grader {

/// One forbidden use, where the learner wrote it. Invariant: `what` completes
/// "<file>:<line>: <what>, which the tamper guard forbids".
struct Finding {
  std::string file;
  std::size_t line = 0;  ///< counted from 1
  std::string what;      ///< e.g. "names '__lsan_is_turned_off'"
};

/// The rules of one exercise: the built-in ones (manifest/tamper.hpp) with its "forbid" names
/// added and its "allow" names taken out.
class GuardRules {
 public:
  explicit GuardRules(const TamperRules& tamper = {});

  /// Returns: whether a learner may not name `name` anywhere.
  bool forbids_name(std::string_view name) const;

  /// Returns: whether a learner may not use attribute `name` (`__name__` spellings too).
  bool forbids_attribute(std::string_view name) const;

  /// Returns: whether the exercise allows `name` (a name or symbol the built-ins forbid).
  bool allows(std::string_view name) const { return allow_.count(name) != 0; }

 private:
  std::set<std::string, std::less<>> forbid_;
  std::set<std::string, std::less<>> allow_;
};

/// Returns: the first forbidden use among `tokens` (the learner's tokens of one `-E` output,
/// in order): a forbidden name, an attribute in `__attribute__((...))` or `[[...]]`, or
/// `#pragma weak` / `#pragma redefine_extname`; nullopt when there is none.
std::optional<Finding> first_forbidden_token(const std::vector<LearnerToken>& tokens,
                                             const GuardRules& rules);

/// Returns: the first forbidden header of `scan`, else its first forbidden token.
std::optional<Finding> first_forbidden(const PreprocessedScan& scan, const GuardRules& rules);

/// Returns: the first line directive (`#line N`, or GNU's `# N "file"`) in `source`, a
/// learner file's raw text, with its physical line; comments and literals never count, and
/// backslash-newlines are spliced first. The finding's file is left empty.
std::optional<Finding> first_line_directive(std::string_view source);

/// Returns: "<file>:<line>: <what>, which the tamper guard forbids".
std::string finding_message(const Finding& finding);

}  // namespace grader
