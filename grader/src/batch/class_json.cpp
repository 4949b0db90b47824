#include "batch/class_json.hpp"

#include <algorithm>
#include <numeric>

namespace grader {

using nlohmann::json;

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

namespace {

// Every exercise of the course, with how many students it was refused for (0 for most).
json refused_by_exercise(const ClassSummary& summary) {
  json counts = json::object();
  for (const std::string& id : summary.exercise_ids) counts[id] = refusals_of(summary, id);
  return counts;
}

json refusals_json(const ClassSummary& summary) {
  json refusals = json::array();
  for (const ExerciseRefusal& r : summary.refusals) {
    refusals.push_back(
        {{"student", r.student}, {"exercise_id", r.exercise_id}, {"reason", r.reason}});
  }
  return refusals;
}

}  // namespace

json class_to_json(const ClassSummary& summary) {
  json students = json::array();
  for (const StudentResult& s : summary.students) {
    if (!s.report) {
      students.push_back({{"student", s.student}, {"status", "refused"}, {"refused", s.refused}});
      continue;
    }
    const Report& report = *s.report;
    json exercises = json::object();
    for (const ExerciseReport& e : report.exercises) exercises[e.id] = e.score;
    students.push_back({{"student", s.student},
                        {"status", "graded"},
                        {"score", report.score()},
                        {"max_score", report.max_score()},
                        {"percent", report.percent()},
                        {"exercises", exercises},
                        {"exercises_refused", report.exercises_refused()}});
  }
  json rates = json::array();
  for (const TestPassRate& r : summary.pass_rates) {
    rates.push_back({{"exercise_id", r.exercise_id},
                     {"test", r.test},
                     {"passed", r.passed},
                     {"graded", r.graded}});
  }
  json out = {{"students", students},
              {"exercise_ids", summary.exercise_ids},
              {"pass_rates", rates},
              {"mean_percent", mean(summary.percents)},
              {"median_percent", median(summary.percents)},
              {"exercises_refused", summary.refusals.size()},
              {"refused_by_exercise", refused_by_exercise(summary)},
              {"refusals", refusals_json(summary)}};
  if (summary.similarity)
    out["similarity"] = similarity_to_json(*summary.similarity, kSummaryPairs);
  return out;
}

}  // namespace grader
