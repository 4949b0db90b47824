#include "manifest/tamper.hpp"

#include <algorithm>

namespace grader {

bool tamper_forbidden_name(std::string_view name) {
  return std::find(kTamperForbiddenNames.begin(), kTamperForbiddenNames.end(), name) !=
         kTamperForbiddenNames.end();
}

bool tamper_forbidden_prefix(std::string_view name) {
  return std::any_of(kTamperForbiddenPrefixes.begin(), kTamperForbiddenPrefixes.end(),
                     [&](std::string_view prefix) { return name.starts_with(prefix); });
}

bool tamper_forbidden_attribute(std::string_view name) {
  return std::find(kTamperForbiddenAttributes.begin(), kTamperForbiddenAttributes.end(), name) !=
         kTamperForbiddenAttributes.end();
}

bool tamper_forbids_by_default(std::string_view name) {
  return tamper_forbidden_name(name) || tamper_forbidden_prefix(name) ||
         tamper_forbidden_attribute(name);
}

bool is_identifier(std::string_view text) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return !text.empty() && letter(text.front()) &&
         std::all_of(text.begin(), text.end(), [&](char c) { return letter(c) || digit(c); });
}

}  // namespace grader
