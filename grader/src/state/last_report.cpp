#include "state/last_report.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/report_json.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

namespace grader {

std::map<std::string, ExerciseReport> last_results(const std::filesystem::path& build_dir) {
  std::map<std::string, ExerciseReport> by_id;
  const std::optional<std::string> text = read_file(build_dir / kLastReportFile);
  if (!text) return by_id;
  try {
    for (ExerciseReport& e : report_from_json(nlohmann::json::parse(*text)).exercises)
      by_id[e.id] = std::move(e);
  } catch (const std::exception&) {
    fmt::print(stderr, "grader: ignoring an unreadable {}; run `grader check` to grade again\n",
               (build_dir / kLastReportFile).string());
  }
  return by_id;
}

void record_last_report(const std::filesystem::path& build_dir, const Report& report) {
  std::map<std::string, ExerciseReport> by_id = last_results(build_dir);
  for (const ExerciseReport& e : report.exercises) by_id[e.id] = e;
  Report merged = report;
  merged.exercises.clear();
  for (auto& [id, e] : by_id) merged.exercises.push_back(std::move(e));  // by id: course order
  write_atomically(build_dir / kLastReportFile, dump_json(to_json(merged)));
}

}  // namespace grader
