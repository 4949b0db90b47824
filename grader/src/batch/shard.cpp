#include "batch/shard.hpp"

#include <charconv>
#include <cstdint>

#include <fmt/format.h>

#include "util/errors.hpp"
#include "util/sha256.hpp"

namespace grader {
namespace {

// `text` as a whole number from 1 to kMaxShards, or 0.
int shard_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return 0;
  return value >= 1 && value <= kMaxShards ? value : 0;
}

}  // namespace

Shard parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  const int index = slash == std::string_view::npos ? 0 : shard_number(text.substr(0, slash));
  const int count = slash == std::string_view::npos ? 0 : shard_number(text.substr(slash + 1));
  if (index == 0 || count == 0 || index > count)
    throw UsageError(
        fmt::format("--shard '{}' is not K/N with 1 <= K <= N <= {}", text, kMaxShards));
  return Shard{.index = index, .count = count};
}

bool in_shard(const std::string& student, const Shard& shard) {
  constexpr std::size_t kHexDigits = 16;  // 64 bits: enough to spread any class evenly
  constexpr int kHexBase = 16;
  const std::uint64_t hash =
      std::stoull(sha256_hex(student).substr(0, kHexDigits), nullptr, kHexBase);
  return hash % static_cast<std::uint64_t>(shard.count) ==
         static_cast<std::uint64_t>(shard.index - 1);
}

}  // namespace grader
