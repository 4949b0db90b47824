#include "svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "util/xml_escape.hpp"

namespace mw::bench {
namespace {

constexpr double width = 760, height = 420;
constexpr double left = 60, right = 150, top = 40, bottom = 50;  // margins
constexpr const char* colors[] = {"#6b7280", "#2563eb", "#dc2626", "#16a34a", "#d97706"};

}  // namespace

std::string bar_chart_svg(const std::string& title, const std::vector<std::string>& series,
                          const std::vector<BarGroup>& groups, double reference) {
  // A log axis over whole powers of ten that hold every value and the reference.
  double low = reference, high = reference;
  for (const BarGroup& group : groups) {
    for (double value : group.values) low = std::min(low, value), high = std::max(high, value);
  }
  const double min_exp = std::floor(std::log10(low));
  const double max_exp = std::max(std::ceil(std::log10(high)), min_exp + 1);
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  auto y_of = [&](double value) {
    return top + plot_h * (1 - (std::log10(value) - min_exp) / (max_exp - min_exp));
  };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
      width, height, left, grader::xml_escape(title));
  for (double e = min_exp; e <= max_exp; ++e) {  // grid lines and y labels
    const double y = y_of(std::pow(10, e));
    svg += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#e5e7eb\"/>\n"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:g}x</text>\n",
        left, y, left + plot_w, y, left - 6, y + 4, std::pow(10, e));
  }

  const double group_w = plot_w / static_cast<double>(std::max<std::size_t>(groups.size(), 1));
  const double bar_w = group_w * 0.8 / static_cast<double>(std::max<std::size_t>(series.size(), 1));
  const double base_y = y_of(std::pow(10, min_exp));
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double x0 = left + group_w * static_cast<double>(g) + group_w * 0.1;
    for (std::size_t s = 0; s < groups[g].values.size(); ++s) {
      const double value = groups[g].values[s], y = y_of(value);
      const double x = x0 + bar_w * static_cast<double>(s);
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
          "<title>{}: {:.2f}x</title></rect>\n",
          x, y, bar_w - 2, base_y - y, colors[s % std::size(colors)], grader::xml_escape(series[s]),
          value);
      svg += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"10\">"
          "{:.2g}</text>\n",
          x + bar_w / 2 - 1, y - 3, value);
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                       x0 + group_w * 0.4, top + plot_h + 18, grader::xml_escape(groups[g].label));
  }

  const double ref_y = y_of(reference);
  svg += fmt::format(
      "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"black\" "
      "stroke-dasharray=\"4 3\"/>\n",
      left, ref_y, left + plot_w, ref_y);
  for (std::size_t s = 0; s < series.size(); ++s) {  // legend
    const double y = top + 10 + 20 * static_cast<double>(s);
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\">{}</text>\n",
        left + plot_w + 16, y, colors[s % std::size(colors)], left + plot_w + 34, y + 10,
        grader::xml_escape(series[s]));
  }
  return svg + "</svg>\n";
}

}  // namespace mw::bench
