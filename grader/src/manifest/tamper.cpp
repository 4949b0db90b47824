#include "manifest/tamper.hpp"

#include <algorithm>

namespace grader {

bool tamper_forbids_by_default(std::string_view name) {
  return kTamperForbiddenNames.count(name) != 0 || kTamperForbiddenAttributes.count(name) != 0 ||
         std::any_of(kTamperForbiddenPrefixes.begin(), kTamperForbiddenPrefixes.end(),
                     [&](const std::string& prefix) { return name.starts_with(prefix); });
}

bool is_identifier(std::string_view text) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return !text.empty() && letter(text.front()) &&
         std::all_of(text.begin(), text.end(), [&](char c) { return letter(c) || digit(c); });
}

}  // namespace grader
