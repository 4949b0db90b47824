// manifest/tamper.hpp — what the tamper guard forbids in learner code, and the "tamper"
// field by which an exercise forbids more or allows some of it.
//
// The built-in rules are here, below the guard, because a manifest is checked against
// them when it is loaded: an "allow" entry must name something the guard forbids, so that a
// typo fails the manifest instead of silently allowing nothing.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// Names learner code must not use: the test framework's namespace, the dynamic loader (a
/// way to reach the runtime's hooks by name), raw system calls and inline assembly.
inline constexpr std::array<std::string_view, 9> kTamperForbiddenNames = {
    "testing", "dlopen", "dlmopen", "dlsym", "dlvsym", "syscall", "asm", "__asm__", "__asm"};

/// Prefixes of names learner code must not use: the sanitizers' interfaces and hooks
/// (`__lsan_is_turned_off`, `__asan_default_options`, ...) and mangled C++ names (`_Z...`,
/// which would define or reach `testing::` functions under a C name).
inline constexpr std::array<std::string_view, 7> kTamperForbiddenPrefixes = {
    "__asan_", "__lsan_", "__ubsan_", "__tsan_", "__msan_", "__sanitizer_", "_Z"};

/// Attributes learner code must not use, in `__attribute__((...))` or `[[gnu::...]]`
/// (`__name__` spellings too): each runs code before or after the tests, or makes one
/// symbol stand for another.
inline constexpr std::array<std::string_view, 7> kTamperForbiddenAttributes = {
    "alias", "weakref", "constructor", "destructor", "section", "init_priority", "ifunc"};

/// An exercise's own rules, from "tamper": {"forbid": [...], "allow": [...]}.
/// Invariants (checked by load_manifest): every entry is an identifier; no entry is in
/// both lists; every `allow` entry is forbidden by the built-in rules (a name, an attribute
/// or a name with a forbidden prefix); no `forbid` entry is.
struct TamperRules {
  std::vector<std::string> forbid;  ///< further names its learner code must not use
  std::vector<std::string> allow;   ///< built-in forbidden names its learner code may use
};

/// Returns: whether `name` is one of kTamperForbiddenNames.
bool tamper_forbidden_name(std::string_view name);

/// Returns: whether `name` starts with one of kTamperForbiddenPrefixes.
bool tamper_forbidden_prefix(std::string_view name);

/// Returns: whether `name` is one of kTamperForbiddenAttributes.
bool tamper_forbidden_attribute(std::string_view name);

/// Returns: whether the built-in rules forbid `name` (as a name, an attribute, or by prefix).
bool tamper_forbids_by_default(std::string_view name);

}  // namespace grader
