// summarize_class: the numbers behind the gradebook and the class pages (the pages
// themselves are rendered in class_summary_render.cpp).
#include "report/class_summary.hpp"

#include <algorithm>

namespace grader {
namespace {

// Appends the ids of `report`'s exercises not yet in `ids`, keeping the report's (course) order.
void add_exercise_ids(const Report& report, std::vector<std::string>& ids) {
  for (const ExerciseReport& e : report.exercises) {
    if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) ids.push_back(e.id);
  }
}

TestPassRate& rate_for(std::vector<TestPassRate>& rates, const std::string& exercise,
                       const std::string& test) {
  const auto it = std::find_if(rates.begin(), rates.end(), [&](const TestPassRate& r) {
    return r.exercise_id == exercise && r.test == test;
  });
  if (it != rates.end()) return *it;
  return rates.emplace_back(TestPassRate{exercise, test, 0, 0});
}

}  // namespace

ClassSummary summarize_class(std::vector<StudentResult> students) {
  std::stable_sort(
      students.begin(), students.end(),
      [](const StudentResult& a, const StudentResult& b) { return a.student < b.student; });
  ClassSummary summary;
  for (const StudentResult& student : students) {
    if (!student.report) continue;
    const Report& report = *student.report;
    add_exercise_ids(report, summary.exercise_ids);
    summary.percents.push_back(report.percent());
    for (const ExerciseReport& e : report.exercises) {
      if (e.status == ExerciseStatus::refused)
        summary.refusals.push_back(
            {.student = student.student, .exercise_id = e.id, .reason = e.message});
    }
  }
  // Pass rates in course order, then each suite's order, whatever order students met them.
  for (const std::string& id : summary.exercise_ids) {
    for (const StudentResult& student : students) {
      if (!student.report) continue;
      for (const ExerciseReport& e : student.report->exercises) {
        // A refused exercise's test verdicts may be forged: they say nothing of the tests.
        if (e.id != id || e.status == ExerciseStatus::refused) continue;
        for (const TestReport& t : e.tests) {
          TestPassRate& rate = rate_for(summary.pass_rates, id, t.name);
          if (t.status == TestStatus::skipped) continue;  // never counted, as in scoring
          ++rate.graded;
          if (t.status == TestStatus::passed) ++rate.passed;
        }
      }
    }
  }
  summary.students = std::move(students);
  return summary;
}

int refusals_of(const ClassSummary& summary, const std::string& exercise_id) {
  return static_cast<int>(
      std::count_if(summary.refusals.begin(), summary.refusals.end(),
                    [&](const ExerciseRefusal& r) { return r.exercise_id == exercise_id; }));
}

}  // namespace grader
