// util/json_text.hpp — JSON as the grader writes it: indented, and safe for any bytes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace grader {

/// Returns: `json` as text, indented by two, ending in a newline. Invalid UTF-8 in any
/// string is replaced by U+FFFD, never thrown on (test output can hold any bytes).
std::string dump_json(const nlohmann::json& json);

}  // namespace grader
