#include "batch/class_formats.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "batch/class_files.hpp"
#include "batch/class_json.hpp"
#include "batch/gradebook.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct ClassFormatInfo {
  ClassFormat format;
  std::string_view name;
  std::string_view file;
  bool always;  ///< written by every batch and merge; the others when --format asks
};

constexpr std::array<ClassFormatInfo, 5> kClassFormats = {{
    {ClassFormat::csv, "csv", "gradebook.csv", true},
    {ClassFormat::json, "json", "summary.json", true},
    {ClassFormat::markdown, "markdown", "summary.md", true},
    {ClassFormat::html, "html", "summary.html", true},
    {ClassFormat::canvas, "canvas", "canvas.csv", false},
}};

const ClassFormatInfo& info(ClassFormat format) {
  for (const ClassFormatInfo& f : kClassFormats) {
    if (f.format == format) return f;
  }
  return kClassFormats[0];  // unreachable: every enumerator is in the table
}

// Returns: the formats `names` asks for beside those always written, in the table's order.
std::vector<ClassFormat> formats_written(const std::vector<std::string>& names) {
  std::vector<ClassFormat> asked;
  for (const std::string& name : names) {
    const std::optional<ClassFormat> format = parse_class_format(name);
    if (!format)
      throw UsageError(
          fmt::format("--format '{}': a class is written as {}", name, class_format_names(", ")));
    asked.push_back(*format);
  }
  std::vector<ClassFormat> written;
  for (const ClassFormatInfo& f : kClassFormats) {
    if (f.always || std::find(asked.begin(), asked.end(), f.format) != asked.end())
      written.push_back(f.format);
  }
  return written;
}

}  // namespace

std::optional<ClassFormat> parse_class_format(std::string_view name) {
  for (const ClassFormatInfo& f : kClassFormats) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::string class_format_names(std::string_view separator) {
  std::string out;
  for (const ClassFormatInfo& f : kClassFormats) {
    if (!out.empty()) out += separator;
    out += f.name;
  }
  return out;
}

std::string class_file_name(ClassFormat format) {
  return std::string(info(format).file);
}

ClassOutput default_class_output() {
  return {.formats = formats_written({})};
}

ClassOutput prepare_class_output(const fs::path& out, const ClassOutputRequest& request) {
  ClassOutput output{.formats = formats_written(request.formats)};
  const bool canvas = std::find(output.formats.begin(), output.formats.end(),
                                ClassFormat::canvas) != output.formats.end();
  if (!canvas && (!request.canvas_roster.empty() || !request.canvas_assignment.empty()))
    throw UsageError("--canvas-roster and --canvas-assignment are for --format canvas");
  if (!request.canvas_assignment.empty()) output.canvas_assignment = request.canvas_assignment;
  if (!request.canvas_roster.empty()) {
    const std::optional<std::string> text = read_file(request.canvas_roster);
    if (!text)
      throw UsageError(
          fmt::format("--canvas-roster '{}' cannot be read", request.canvas_roster.string()));
    output.canvas_roster = parse_canvas_roster(*text, request.canvas_roster.string());
  }
  adopt_policy_files(out, request.policy, request.submitted_at);
  return output;
}

std::string render_class_file(ClassFormat format, const ClassMerge& merge,
                              const ClassOutput& output) {
  switch (format) {
    case ClassFormat::csv:
      return render_gradebook(merge.summary, merge.notes, merge.lateness);
    case ClassFormat::json:
      return dump_json(class_to_json(merge.summary));
    case ClassFormat::markdown:
      return render_class_markdown(merge.summary);
    case ClassFormat::html:
      return render_class_html(merge.summary);
    case ClassFormat::canvas:
      return render_canvas(merge.summary, merge.lateness, output.canvas_roster,
                           output.canvas_assignment);
  }
  return render_gradebook(merge.summary, merge.notes, merge.lateness);
}

}  // namespace grader
