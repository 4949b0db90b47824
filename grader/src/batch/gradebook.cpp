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

// The six columns a late policy adds, each after a comma.
constexpr std::size_t kLateColumns = 6;

constexpr double kPercent = 100.0;

std::string late_cells(const Report& report, const Lateness& late) {
  const double penalty = penalty_points(report.score(), late);
  const double final_score = report.score() - penalty;
  const double final_percent =
      report.max_score() > 0 ? kPercent * final_score / report.max_score() : 0.0;
  return fmt::format(",{},{},{},{},{},{:.1f}",
                     late.submitted ? format_instant(*late.submitted) : "",
                     format_instant(late.due), late.days_late, points_text(penalty),
                     points_text(final_score), final_percent);
}

}  // namespace

std::string render_gradebook(const ClassSummary& summary, const std::vector<std::string>& notes,
                             const std::vector<Lateness>& lateness) {
  const bool late_columns = !lateness.empty();
  std::string csv = "student";
  for (const std::string& id : summary.exercise_ids) csv += "," + csv_field(id);
  csv += ",total,max,percent";
  if (late_columns) csv += ",submitted_at,due,days_late,penalty,final,final_percent";
  csv += ",refused,status,reason\r\n";
  for (std::size_t i = 0; i < summary.students.size(); ++i) {
    const StudentResult& student = summary.students[i];
    csv += csv_field(student.student);
    if (!student.report) {
      // No score and no count of refused exercises: the whole submission was refused.
      csv += std::string(summary.exercise_ids.size() + 4 + (late_columns ? kLateColumns : 0), ',');
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
    csv += fmt::format(",{},{},{:.1f}", report.score(), report.max_score(), report.percent());
    if (late_columns) csv += late_cells(report, lateness[i]);
    // A student with refused exercises was still graded: the refused column counts them,
    // and "refused" in the status column keeps meaning the whole submission was.
    csv += fmt::format(",{},graded,{}\r\n", report.exercises_refused(),
                       csv_field(graded_reason(report, i < notes.size() ? notes[i] : "")));
  }
  return csv;
}

}  // namespace grader
