// batch/canvas.hpp — the gradebook as Canvas imports it (Grades > Import): the columns
// Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment, named
// "Assignment Name (ID)" to update that assignment (without "(ID)" Canvas makes a new one).
// Canvas finds each student by ID, SIS User ID or SIS Login ID, so the identities come from
// the course's own gradebook export (--canvas-roster) when there is one.
#pragma once

#include <string>
#include <vector>

#include "batch/policy.hpp"
#include "report/class_summary.hpp"

namespace grader {

/// The assignment column's header when none is given: a new assignment on first import.
inline constexpr std::string_view kDefaultCanvasAssignment = "Memory Workbook";

/// One student as a Canvas gradebook export names them.
struct CanvasStudent {
  std::string name;  ///< "Last, First"
  std::string id;    ///< Canvas's user ID
  std::string sis_user_id;
  std::string sis_login_id;
  std::string section;
};

/// Returns: the students of `text`, a Canvas gradebook export named `origin` in messages
/// (its columns found by their header names; rows without an ID, such as "Points
/// Possible", are skipped). Throws: UsageError (one line) when it is not CSV or has no
/// Student or ID column.
std::vector<CanvasStudent> parse_canvas_roster(const std::string& text, const std::string& origin);

/// Returns: the roster entry of `student` (a submission's name): the one whose SIS Login ID,
/// else SIS User ID, else ID equals it; else an entry naming them with SIS Login ID = their
/// name (the usual case when submissions are named by login), with `found` false.
CanvasStudent canvas_student(const std::vector<CanvasStudent>& roster, const std::string& student,
                             bool& found);

/// Returns: the Canvas import CSV of the class (CRLF line ends): one row per student, the
/// assignment column `assignment` holding the final score (the raw score less the late
/// penalty, `lateness` one per student or empty), empty for a submission refused whole
/// (Canvas leaves an empty cell's grade as it was).
std::string render_canvas(const ClassSummary& summary, const std::vector<Lateness>& lateness,
                          const std::vector<CanvasStudent>& roster, const std::string& assignment);

}  // namespace grader
