// guard/symbols.hpp — auditing the symbols of a learner's compiled objects (`nm -C`).
//
// The second line of the tamper guard, after the build: whatever the preprocessed text
// showed, the learner's objects must not define a sanitizer hook or interface symbol
// (`__lsan_is_turned_off`, `__asan_default_options`), nor define or reference `testing::`
// symbols, nor reference a sanitizer interface function. Instrumented code does reference
// the sanitizer runtimes (`__asan_report_load8`, `__ubsan_handle_*`, `__tsan_read8`): those
// references are the compiler's, recognised by name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "guard/rules.hpp"

namespace grader {

/// One symbol of an object as `nm -C` lists it.
/// Invariant: `defined` is false exactly when nm printed no value (U, or weak undefined).
struct NmSymbol {
  std::string object;  ///< the object file, when nm named it ("" for a single file)
  char type = '?';     ///< nm's letter: T, U, W, t, ...
  std::string name;    ///< demangled
  bool defined = false;

  /// Returns: whether other objects can bind to it (an upper-case letter, or u, i, v, w).
  bool global() const;
};

/// Returns: the symbols of `output`, the text `nm -C` printed for one or more objects
/// (a line "<object>:" before each object's symbols when there are several).
std::vector<NmSymbol> parse_nm(std::string_view output);

/// Returns: whether `name` is one the sanitizers' instrumentation itself references in an
/// instrumented object (`__asan_report_load8`, `__asan_init`, `__ubsan_handle_*`,
/// `__tsan_read8`, ...), as opposed to their interface and hook functions.
bool is_instrumentation_symbol(std::string_view name);

/// A forbidden symbol and the object it is in.
struct SymbolFinding {
  std::string object;
  std::string what;  ///< e.g. "defines '__lsan_is_turned_off'"
};

/// Returns: the first symbol of `symbols` the guard forbids under `rules`, if any.
std::optional<SymbolFinding> first_forbidden_symbol(const std::vector<NmSymbol>& symbols,
                                                    const GuardRules& rules);

}  // namespace grader
