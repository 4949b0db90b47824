// util/timestamp.hpp — instants as a policy, a CSV of submission times and a gradebook write
// them: ISO 8601 with a UTC offset.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace grader {

using Instant = std::chrono::sys_seconds;

/// Returns: the instant `text` names, in the ISO 8601 form YYYY-MM-DDTHH:MM[:SS] followed by
/// "Z" or an offset ±HH:MM (a space may stand for the T, and surrounding spaces are
/// ignored); nullopt for anything else. A time without an offset is refused: on a cluster,
/// in CI and on the instructor's laptop it would name three different instants.
std::optional<Instant> parse_instant(std::string_view text);

/// Returns: `instant` as YYYY-MM-DDTHH:MM:SSZ.
std::string format_instant(Instant instant);

/// What parse_instant accepts, for error messages.
inline constexpr std::string_view kInstantForm = "YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM";

}  // namespace grader
