// svg_chart.hpp — a grouped bar chart as SVG text, for mdriver's throughput ratios.
#pragma once

#include <string>
#include <vector>

namespace mw::bench {

/// One group of bars (a trace) with one value per series (an allocator).
struct BarGroup {
  std::string label;
  std::vector<double> values;
};

/// Returns: an SVG document drawing one bar per value, grouped, with `series` as the legend,
/// a horizontal reference line at `reference` (1.0: "as fast as the baseline") and a
/// logarithmic y axis, since the ratios of an arena and of malloc differ by orders of
/// magnitude. Requires: every group has series.size() values, all of them positive.
std::string bar_chart_svg(const std::string& title, const std::vector<std::string>& series,
                          const std::vector<BarGroup>& groups, double reference);

}  // namespace mw::bench
