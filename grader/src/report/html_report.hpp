// report/html_report.hpp — one student's report as a self-contained HTML page.
#pragma once

#include <string>

#include "model/report.hpp"

namespace grader {

/// Returns: an HTML page (see html_page) with the total score, a table of exercises
/// with an SVG bar of score/max each, and a section per exercise listing its tests
/// (status, points, time) with the message of each test that did not pass, the
/// compiler diagnostics of an exercise that did not build, or why it was not run; a
/// refused exercise says so with its reason, and its tests show "refused" at 0 points.
/// The heading counts refused exercises when there are any.
std::string render_html(const Report& report);

}  // namespace grader
