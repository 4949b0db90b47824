// report/text_report.hpp — the report for a person at a terminal.
#pragma once

#include <string>

#include "model/report.hpp"

namespace grader {

struct TextStyle {
  bool color = false;   ///< ANSI colours (only on a terminal, never with NO_COLOR)
  bool details = true;  ///< show the first failure of each failing exercise
};

/// Returns: one line per exercise (status, id, title, points), the first failure's
/// message under each failing exercise ("refused, 0 points: <reason>" under a refused
/// one, even without details), and an overall progress bar with the points, the
/// exercises passed and, when there are any, how many were refused.
std::string render_text(const Report& report, const TextStyle& style);

/// The width in cells of the course's progress bar, in every view.
inline constexpr int kProgressBarWidth = 30;

/// Returns: a bar like "[#########...........] 45%" of `width` cells for done/total.
std::string progress_bar(int done, int total, int width, bool color);

}  // namespace grader
