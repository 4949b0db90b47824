#include "batch/gradebook.hpp"

#include <fmt/format.h>

#include "batch/class_json.hpp"

namespace grader {
namespace {

// The reason column of a graded student: each refused exercise and why, then the note.
std::string graded_reason(const Report& report, const std::string& note) {
  std::string reason;
  for (const ExerciseReport& e : report.exercises) {
    if (e.status != ExerciseStatus::refused) continue;
    if (!reason.empty()) reason += "; ";
    reason += fmt::format("{} refused: {}", e.id, e.message);
  }
  if (!note.empty()) reason += reason.empty() ? note : "; " + note;
  return reason;
}

}  // namespace

std::string render_gradebook(const ClassSummary& summary, const std::vector<std::string>& notes) {
  std::string csv = "student";
  for (const std::string& id : summary.exercise_ids) csv += "," + csv_field(id);
  csv += ",total,max,percent,refused,status,reason\r\n";
  for (std::size_t i = 0; i < summary.students.size(); ++i) {
    const StudentResult& student = summary.students[i];
    csv += csv_field(student.student);
    if (!student.report) {
      // No score and no count of refused exercises: the whole submission was refused.
      csv += std::string(summary.exercise_ids.size() + 4, ',');
      csv += ",refused," + csv_field(student.refused) + "\r\n";
      continue;
    }
    const Report& report = *student.report;
    for (const std::string& id : summary.exercise_ids) {
      csv += ',';
      for (const ExerciseReport& e : report.exercises) {
        if (e.id == id) csv += std::to_string(e.score);
      }
    }
    // A student with refused exercises was still graded: the refused column counts them,
    // and "refused" in the status column keeps meaning the whole submission was.
    csv += fmt::format(",{},{},{:.1f},{},graded,{}\r\n", report.score(), report.max_score(),
                       report.percent(), report.exercises_refused(),
                       csv_field(graded_reason(report, i < notes.size() ? notes[i] : "")));
  }
  return csv;
}

}  // namespace grader
