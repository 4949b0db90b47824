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

}  // namespace grader
