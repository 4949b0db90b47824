#include "guard/symbols.hpp"

#include <array>
#include <regex>

#include <fmt/format.h>

namespace grader {
namespace {

// The sanitizers' own prefixes: a learner's object defines none of these.
constexpr std::array<std::string_view, 6> kSanitizerPrefixes = {
    "__asan_", "__lsan_", "__ubsan_", "__tsan_", "__msan_", "__sanitizer_"};

// What GCC's and Clang's ASan, UBSan and TSan instrumentation calls or reads, and what the
// standard library's own headers call under ASan: libc++ marks the unused capacity of a
// std::vector (from 17 a std::deque's too) with __sanitizer_annotate_(double_ended_)
// contiguous_container, from inline code that lands in the learner's objects (the learner's
// own lines may not name it: the source guard forbids the prefix). Everything else with a
// sanitizer prefix is an interface or hook function (asan_interface.h, lsan_interface.h,
// common_interface_defs.h) that only a hand-written call reaches.
const std::regex& instrumentation_pattern() {
  static const std::regex pattern(
      "__asan_("
      "report_(exp_)?(load|store)(1|2|4|8|16|_n|N)(_noabort)?|"
      "(exp_)?(load|store)(1|2|4|8|16|N)(_noabort)?|"
      "init|version_mismatch_check_v[0-9]+|(un)?register_(elf_|image_)?globals|"
      "before_dynamic_init|after_dynamic_init|handle_no_return|"
      "stack_malloc_(always_)?[0-9]+|stack_free_[0-9]+|option_detect_stack_use_after_return|"
      "shadow_memory_dynamic_address|set_shadow_[0-9a-f]+|(un)?poison_stack_memory|"
      "alloca_poison|allocas_unpoison|memcpy|memmove|memset|"
      "(poison|load)_cxx_array_cookie|(un)?poison_intra_object_redzone|ptr_cmp|ptr_sub)|"
      "__ubsan_handle_[A-Za-z0-9_]+|__ubsan_vptr_type_cache|"
      "__tsan_(init|func_entry|func_exit|(unaligned_|volatile_)?(read|write)(1|2|4|8|16)(_pc)?|"
      "(read|write)_range(_pc)?|vptr_update|vptr_read|atomic[0-9]+_[a-z_]+|"
      "atomic_thread_fence|atomic_signal_fence|memcpy|memmove|memset)|"
      "__sanitizer_(ptr_cmp|ptr_sub|cov_[A-Za-z0-9_]+|"
      "annotate_(double_ended_)?contiguous_container)");
  return pattern;
}

bool has_sanitizer_prefix(std::string_view name) {
  for (std::string_view prefix : kSanitizerPrefixes)
    if (name.starts_with(prefix)) return true;
  return false;
}

// Whether demangled `name` holds the namespace `testing::` (not `my_testing::`).
bool names_testing(std::string_view name) {
  constexpr std::string_view kNamespace = "testing::";
  for (std::size_t at = name.find(kNamespace); at != std::string_view::npos;
       at = name.find(kNamespace, at + 1)) {
    const char before = at == 0 ? ' ' : name[at - 1];
    const bool part_of_name = (before >= 'a' && before <= 'z') ||
                              (before >= 'A' && before <= 'Z') ||
                              (before >= '0' && before <= '9') || before == '_';
    if (!part_of_name) return true;
  }
  return false;
}

constexpr std::size_t kValueWidth = 16;  // nm's value column on a 64-bit target

}  // namespace

bool NmSymbol::global() const {
  return (type >= 'A' && type <= 'Z') || type == 'u' || type == 'i' || type == 'v' || type == 'w';
}

std::vector<NmSymbol> parse_nm(std::string_view output) {
  std::vector<NmSymbol> symbols;
  std::string object;
  while (!output.empty()) {
    const std::size_t end = std::min(output.find('\n'), output.size());
    const std::string_view line = output.substr(0, end);
    output.remove_prefix(std::min(end + 1, output.size()));
    const bool symbol_line =
        line.size() > kValueWidth + 2 && line[kValueWidth] == ' ' && line[kValueWidth + 2] == ' ';
    if (!symbol_line) {
      if (line.ends_with(':')) object = std::string(line.substr(0, line.size() - 1));
      continue;
    }
    const std::string_view value = line.substr(0, kValueWidth);
    symbols.push_back({.object = object,
                       .type = line[kValueWidth + 1],
                       .name = std::string(line.substr(kValueWidth + 3)),
                       .defined = value.find_first_not_of(' ') != std::string_view::npos});
  }
  return symbols;
}

bool is_instrumentation_symbol(std::string_view name) {
  return std::regex_match(name.begin(), name.end(), instrumentation_pattern());
}

std::optional<SymbolFinding> first_forbidden_symbol(const std::vector<NmSymbol>& symbols,
                                                    const GuardRules& rules) {
  for (const NmSymbol& symbol : symbols) {
    if (!symbol.global() || rules.allows(symbol.name)) continue;
    const char* verb = symbol.defined ? "defines" : "references";
    if (names_testing(symbol.name))
      return SymbolFinding{symbol.object, fmt::format("{} '{}'", verb, symbol.name)};
    if (!has_sanitizer_prefix(symbol.name)) continue;
    if (symbol.defined || !is_instrumentation_symbol(symbol.name))
      return SymbolFinding{symbol.object, fmt::format("{} '{}'", verb, symbol.name)};
  }
  return std::nullopt;
}

}  // namespace grader
