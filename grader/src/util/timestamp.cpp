#include "util/timestamp.hpp"

#include <charconv>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace grader {
namespace {

using namespace std::chrono;

// Reads exactly `digits` decimal digits at `pos` into `value` and moves past them.
bool read_number(std::string_view text, std::size_t& pos, std::size_t digits, int& value) {
  if (pos + digits > text.size()) return false;
  const char* first = text.data() + pos;
  const auto [end, error] = std::from_chars(first, first + digits, value);
  if (error != std::errc() || end != first + digits) return false;
  pos += digits;
  return true;
}

// Moves past `c` at `pos`. Returns: whether it was there.
bool read_char(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// Reads "Z" or ±HH:MM at `pos`, the whole rest of `text`. Returns: the offset, or nullopt.
std::optional<minutes> read_offset(std::string_view text, std::size_t pos) {
  if (text.substr(pos) == "Z") return minutes(0);
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
  const int sign = text[pos++] == '-' ? -1 : 1;
  int hours = 0;
  int mins = 0;
  if (!read_number(text, pos, 2, hours) || !read_char(text, pos, ':') ||
      !read_number(text, pos, 2, mins) || pos != text.size() || hours > 23 || mins > 59)
    return std::nullopt;
  return minutes(sign * (hours * 60 + mins));
}

std::string_view trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

}  // namespace

std::optional<Instant> parse_instant(std::string_view text) {
  text = trimmed(text);
  std::size_t pos = 0;
  int y = 0;
  int mo = 0;
  int d = 0;
  int h = 0;
  int mi = 0;
  int s = 0;
  const bool date_and_time =
      read_number(text, pos, 4, y) && read_char(text, pos, '-') && read_number(text, pos, 2, mo) &&
      read_char(text, pos, '-') && read_number(text, pos, 2, d) &&
      (read_char(text, pos, 'T') || read_char(text, pos, ' ')) && read_number(text, pos, 2, h) &&
      read_char(text, pos, ':') && read_number(text, pos, 2, mi);
  if (!date_and_time) return std::nullopt;
  if (read_char(text, pos, ':') && !read_number(text, pos, 2, s)) return std::nullopt;
  const year_month_day date{year(y), month(static_cast<unsigned>(mo)),
                            day(static_cast<unsigned>(d))};
  const std::optional<minutes> offset = read_offset(text, pos);
  if (!offset || !date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return sys_days(date) + hours(h) + minutes(mi) + seconds(s) - *offset;
}

std::string format_instant(Instant instant) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", instant);
}

}  // namespace grader
