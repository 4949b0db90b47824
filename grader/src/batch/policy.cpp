#include "batch/policy.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/csv.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr auto kDay = std::chrono::seconds(std::chrono::days(1));
constexpr double kAllOfIt = 100.0;
constexpr double kHundredths = 100.0;
constexpr const char* kPolicyFile = "policy.json";
constexpr const char* kTimesFile = "submitted-at.csv";

Instant instant_field(const json& value, const std::string& origin, const std::string& field) {
  const std::optional<Instant> instant =
      value.is_string() ? parse_instant(value.get<std::string>()) : std::nullopt;
  if (!instant)
    throw UsageError(
        fmt::format("{}: field '{}': expected a date-time {}", origin, field, kInstantForm));
  return *instant;
}

// A student's own due: an extension's date-time, or a number of days after `due`.
Instant extended(const json& value, Instant due, const std::string& origin,
                 const std::string& student) {
  if (!value.is_number()) return instant_field(value, origin, "extensions." + student);
  const double days = value.get<double>();
  if (days < 0)
    throw UsageError(
        fmt::format("{}: field 'extensions.{}': a negative number of days", origin, student));
  return due + std::chrono::duration_cast<std::chrono::seconds>(days * kDay);
}

}  // namespace

LatePolicy parse_policy(const std::string& text, const std::string& origin) {
  const json policy = json::parse(text, nullptr, false);
  if (!policy.is_object()) throw UsageError(fmt::format("{}: not a JSON object", origin));
  for (const auto& [key, value] : policy.items()) {
    if (key != "due" && key != "late_penalty_percent_per_day" && key != "extensions")
      throw UsageError(fmt::format(
          "{}: unknown field '{}' (known: due, late_penalty_percent_per_day, extensions)", origin,
          key));
  }
  if (!policy.contains("due")) throw UsageError(fmt::format("{}: field 'due' is missing", origin));
  LatePolicy late{.due = instant_field(policy.at("due"), origin, "due")};
  const json penalty = policy.value("late_penalty_percent_per_day", json(0));
  if (!penalty.is_number() || penalty.get<double>() < 0 || penalty.get<double>() > kAllOfIt)
    throw UsageError(fmt::format(
        "{}: field 'late_penalty_percent_per_day': expected a number from 0 to 100", origin));
  late.penalty_percent_per_day = penalty.get<double>();
  const json extensions = policy.value("extensions", json::object());
  if (!extensions.is_object())
    throw UsageError(fmt::format("{}: field 'extensions': expected an object", origin));
  for (const auto& [student, value] : extensions.items())
    late.extended_due[student] = extended(value, late.due, origin, student);
  return late;
}

std::map<std::string, Instant> parse_submission_times(const std::string& text,
                                                      const std::string& origin) {
  std::vector<CsvRecord> records;
  try {
    records = parse_csv(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("{}: {}", origin, e.what()));
  }
  if (records.empty() || records.front() != CsvRecord{"student", "submitted_at"})
    throw UsageError(fmt::format("{}: line 1: expected the header student,submitted_at", origin));
  std::map<std::string, Instant> times;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& r = records[i];
    const std::optional<Instant> at = r.size() == 2 ? parse_instant(r[1]) : std::nullopt;
    if (!at)
      throw UsageError(
          fmt::format("{}: record {}: expected student,{}", origin, i + 1, kInstantForm));
    if (!times.emplace(r[0], *at).second)
      throw UsageError(fmt::format("{}: record {}: '{}' is named twice", origin, i + 1, r[0]));
  }
  return times;
}

Lateness lateness_of(const LatePolicy& policy, const std::string& student,
                     std::optional<Instant> submitted) {
  const auto own = policy.extended_due.find(student);
  Lateness lateness{.submitted = submitted,
                    .due = own == policy.extended_due.end() ? policy.due : own->second};
  if (!submitted || *submitted <= lateness.due) return lateness;
  // Each day or part of one: a minute late is a day late.
  const auto late = *submitted - lateness.due;
  lateness.days_late = static_cast<int>((late + kDay - std::chrono::seconds(1)) / kDay);
  lateness.penalty_percent =
      std::min(kAllOfIt, lateness.days_late * policy.penalty_percent_per_day);
  return lateness;
}

double penalty_points(int raw, const Lateness& lateness) {
  return std::round(raw * lateness.penalty_percent) / kHundredths;
}

std::string points_text(double points) {
  return fmt::format("{}", std::round(points * kHundredths) / kHundredths);
}

std::optional<ClassPolicy> read_class_policy(const fs::path& out) {
  const std::optional<std::string> policy = read_file(out / kPolicyFile);
  if (!policy) return std::nullopt;
  ClassPolicy loaded{.policy = parse_policy(*policy, (out / kPolicyFile).string())};
  if (const std::optional<std::string> times = read_file(out / kTimesFile)) {
    loaded.csv_times = parse_submission_times(*times, (out / kTimesFile).string());
    loaded.has_csv = true;
  }
  return loaded;
}

void adopt_policy_files(const fs::path& out, const fs::path& policy, const fs::path& times) {
  std::vector<std::pair<fs::path, std::string>> adopted;  // OUT's file -> what it will hold
  if (!policy.empty()) {
    const std::optional<std::string> text = read_file(policy);
    if (!text) throw UsageError(fmt::format("--policy '{}' cannot be read", policy.string()));
    parse_policy(*text, policy.string());
    adopted.emplace_back(out / kPolicyFile, *text);
  }
  if (!times.empty()) {
    const std::optional<std::string> text = read_file(times);
    if (!text) throw UsageError(fmt::format("--submitted-at '{}' cannot be read", times.string()));
    parse_submission_times(*text, times.string());
    adopted.emplace_back(out / kTimesFile, *text);
  }
  if (adopted.empty()) return;
  fs::create_directories(out);
  for (const auto& [file, text] : adopted) write_atomically(file, text);
}

}  // namespace grader
