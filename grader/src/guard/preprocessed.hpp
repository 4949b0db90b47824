// guard/preprocessed.hpp — reading the compiler's `-E` output of one learner file.
//
// Macros are expanded there, so a name hidden in one (`#define T tes##ting`) shows; the line
// markers say which lines are the learner's own and which header each learner line pulls
// in. What is forbidden in those tokens is guard/rules.hpp's concern.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "guard/lexer.hpp"

namespace grader {

/// A token from one of the learner's lines. Invariant: `file` is a path the predicate given
/// to scan_preprocessed called the learner's.
struct LearnerToken {
  TokenKind kind = TokenKind::punctuator;
  std::string text;
  std::string file;
  std::size_t line = 0;        ///< counted from 1, in `file`
  bool first_on_line = false;  ///< first on its output line (a `#pragma` line starts so)
};

/// A header the guard forbids, entered while preprocessing a learner file.
/// Invariant: `file`:`line` is the innermost learner line on the include stack at that moment.
struct ForbiddenInclude {
  std::string header;  ///< the header, as the compiler opened it
  std::string file;
  std::size_t line = 0;
};

/// What one `-E` output holds of the learner's.
struct PreprocessedScan {
  std::vector<LearnerToken> tokens;        ///< every token of a learner line, in order
  std::vector<ForbiddenInclude> includes;  ///< every forbidden header entered, in order
  std::set<std::string> learner_files;     ///< every learner file the output came from
};

/// Returns: whether `header` is a GoogleTest or GoogleMock header, or a sanitizer interface
/// header (`<sanitizer/...>`): a path with a directory `gtest`, `gmock` or `sanitizer`, or a
/// file name starting "gtest" or "gmock".
bool is_forbidden_header(std::string_view header);

/// Returns: the learner's tokens and includes in `text`, the `-E` output of a learner file;
/// `is_learner` says whether a file named by a line marker is the learner's. A forbidden
/// header is reported wherever it is entered, even from a course header a learner line
/// included: a learner file has no business pulling in any.
PreprocessedScan scan_preprocessed(std::string_view text,
                                   const std::function<bool(const std::string&)>& is_learner);

}  // namespace grader
