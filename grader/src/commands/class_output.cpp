#include "commands/class_output.hpp"

namespace grader {

void declare_class_output(Options& options, ClassOutputRequest& into) {
  options.texts("--format", into.formats,
                "also write the class as " + class_format_names(", ") +
                    " (gradebook.csv and summary.* are always written; canvas: canvas.csv)");
  options.path("--policy", into.policy,
               "a late policy (policy.json: due, late_penalty_percent_per_day, extensions), "
               "kept as OUT/policy.json and applied to the gradebook from now on");
  options.path("--submitted-at", into.submitted_at,
               "a CSV student,submitted_at of submission times, kept as OUT/submitted-at.csv "
               "(default: each submission's modification time)");
  options.path("--canvas-roster", into.canvas_roster,
               "with --format canvas: the course's gradebook exported from Canvas, for each "
               "student's IDs and section");
  options.text("--canvas-assignment", into.canvas_assignment,
               "with --format canvas: the assignment column, e.g. 'Week 1 (1234)' as in the "
               "Canvas export (default: a new assignment, Memory Workbook)");
}

}  // namespace grader
