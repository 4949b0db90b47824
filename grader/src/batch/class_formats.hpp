// batch/class_formats.hpp — every file a class is written as, by name, in one table (as
// report/formats.hpp is for one student's report): the gradebook and the summaries, written
// by every batch and merge, and the LMS exports, written when `--format` asks for them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/canvas.hpp"

namespace grader {

struct ClassMerge;  // batch/class_files.hpp

/// csv: gradebook.csv; json, markdown, html: summary.json, summary.md, summary.html;
/// canvas: canvas.csv, the gradebook as Canvas imports it (batch/canvas.hpp).
enum class ClassFormat { csv, json, markdown, html, canvas };

/// Returns: the class format named `name`, nullopt for any other name.
std::optional<ClassFormat> parse_class_format(std::string_view name);

/// Returns: every class format name, separated by `separator`.
std::string class_format_names(std::string_view separator);

/// Returns: the file of OUT a class is written to in `format`.
std::string class_file_name(ClassFormat format);

/// The class output as a command line asks for it.
struct ClassOutputRequest {
  std::vector<std::string> formats;     ///< --format: names of class formats to add
  std::filesystem::path policy;         ///< --policy: a policy.json to adopt into OUT
  std::filesystem::path submitted_at;   ///< --submitted-at: a CSV of submission times to adopt
  std::filesystem::path canvas_roster;  ///< --canvas-roster: the course's Canvas export
  std::string canvas_assignment;        ///< --canvas-assignment: its column's header
};

/// The class output, checked.
struct ClassOutput {
  std::vector<ClassFormat> formats;  ///< every format written, in the table's order
  std::vector<CanvasStudent> canvas_roster;
  std::string canvas_assignment = std::string(kDefaultCanvasAssignment);
};

/// Returns: the output of a class with no --format: the files always written.
ClassOutput default_class_output();

/// Effects: checks `request` and adopts its policy files into `out` (adopt_policy_files).
/// Returns: the formats to write (those always written, and those asked for) and the
/// Canvas roster read. Throws: UsageError (one line) for an unknown format, a Canvas option
/// without --format canvas, or a file that cannot be read or is broken.
ClassOutput prepare_class_output(const std::filesystem::path& out,
                                 const ClassOutputRequest& request);

/// Returns: `merge` rendered in `format`.
std::string render_class_file(ClassFormat format, const ClassMerge& merge,
                              const ClassOutput& output);

}  // namespace grader
