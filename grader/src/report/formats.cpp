#include "report/formats.hpp"

#include <array>

#include "model/report_json.hpp"
#include "report/exercism_report.hpp"
#include "report/gradescope_report.hpp"
#include "report/html_report.hpp"
#include "report/junit_report.hpp"
#include "report/markdown_report.hpp"
#include "report/text_report.hpp"
#include "util/json_text.hpp"

namespace grader {
namespace {

struct FormatInfo {
  ReportFormat format;
  std::string_view name;
  std::string_view file;
};

constexpr std::array<FormatInfo, 7> kFormats = {{
    {ReportFormat::text, "text", "report.txt"},
    {ReportFormat::json, "json", "report.json"},
    {ReportFormat::junit, "junit", "junit.xml"},
    {ReportFormat::gradescope, "gradescope", "gradescope.json"},
    {ReportFormat::exercism, "exercism", "exercism.json"},
    {ReportFormat::markdown, "markdown", "report.md"},
    {ReportFormat::html, "html", "report.html"},
}};

const FormatInfo& info(ReportFormat format) {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return f;
  }
  return kFormats[0];  // unreachable: every enumerator is in the table
}

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  for (const FormatInfo& f : kFormats) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::string format_name(ReportFormat format) {
  return std::string(info(format).name);
}

std::string file_name(ReportFormat format) {
  return std::string(info(format).file);
}

std::string format_names(std::string_view separator) {
  std::string out;
  for (const FormatInfo& f : kFormats) {
    if (!out.empty()) out += separator;
    out += f.name;
  }
  return out;
}

std::string render_report(const Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::text:
      return render_text(report, TextStyle{false, true});
    case ReportFormat::json:
      return dump_json(to_json(report));
    case ReportFormat::junit:
      return render_junit(report);
    case ReportFormat::gradescope:
      return dump_json(gradescope_json(report));
    case ReportFormat::exercism:
      return dump_json(exercism_json(report));
    case ReportFormat::markdown:
      return render_markdown(report);
    case ReportFormat::html:
      return render_html(report);
  }
  return render_text(report, TextStyle{false, true});
}

}  // namespace grader
