// report/formats.hpp — every format a Report can be written in, by name, so `grader
// check --format` and `grader batch` pick a renderer and a file name in one place.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/report.hpp"

namespace grader {

/// text: for a person; json: grader/report.schema.json; junit: JUnit XML for CI;
/// gradescope: Gradescope's results.json; exercism: Exercism's results.json version 3;
/// markdown: a GitHub step summary; html: a self-contained page.
enum class ReportFormat { text, json, junit, gradescope, exercism, markdown, html };

/// Returns: the format named `name` ("text", "json", "junit", "gradescope", "exercism",
/// "markdown", "html"), or nullopt for any other name (names are case-sensitive).
std::optional<ReportFormat> parse_report_format(std::string_view name);

/// Returns: the name parse_report_format accepts for `format`.
std::string format_name(ReportFormat format);

/// Returns: the file a report in `format` is saved as, distinct for every format:
/// report.txt, report.json, junit.xml, gradescope.json, exercism.json, report.md,
/// report.html.
std::string file_name(ReportFormat format);

/// Returns: every format name, separated by `separator` (for help and error messages).
std::string format_names(std::string_view separator);

/// Returns: `report` rendered in `format`; text is rendered without colour.
/// Throws: nothing but std::bad_alloc; invalid UTF-8 in the report is replaced.
std::string render_report(const Report& report, ReportFormat format);

}  // namespace grader
