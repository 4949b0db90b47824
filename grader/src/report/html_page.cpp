#include "report/html_page.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/markup.hpp"

namespace grader {
namespace {

constexpr std::string_view kStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #1f2328; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.meta { color: #59636e; font-size: .85rem; }
table { border-collapse: collapse; margin: .8rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.passed { color: #1a7f37; font-weight: 600; }
.failed, .crashed, .timeout, .sanitizer, .build_error { color: #cf222e; font-weight: 600; }
.not_run, .skipped { color: #9a6700; font-weight: 600; }
.refused { color: #82071e; font-weight: 700; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; font-size: .82rem; }
svg .track { fill: #eaeef2; }
svg .fill { fill: #2da44e; }
svg .column { fill: #0969da; }
svg text { font: 11px system-ui, sans-serif; fill: #1f2328; }
)";

}  // namespace

std::string html_page(std::string_view title, std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
      xml_escape(title), kStyle, body);
}

std::string svg_bar(double fraction, std::string_view label, int width) {
  const double clamped = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
  return fmt::format(
      "<svg width=\"{0}\" height=\"14\" viewBox=\"0 0 {0} 14\" role=\"img\" "
      "aria-label=\"{2}\"><title>{2}</title><rect class=\"track\" width=\"{0}\" height=\"14\" "
      "rx=\"3\"/><rect class=\"fill\" width=\"{1:.1f}\" height=\"14\" rx=\"3\"/></svg>",
      width, clamped * width, xml_escape(label));
}

}  // namespace grader
