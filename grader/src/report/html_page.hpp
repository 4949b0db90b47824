// report/html_page.hpp — the frame shared by the HTML reports (one student's, the
// class summary): a self-contained page with inline CSS and inline SVG charts. It
// fetches nothing: no external URL, no script, and a Content-Security-Policy that
// forbids any fetch, so a report opened from an archive or a mail stays private.
#pragma once

#include <string>
#include <string_view>

namespace grader {

/// Returns: a complete HTML5 document titled `title` (escaped here) around `body`
/// (trusted markup, built by the renderers from escaped text).
std::string html_page(std::string_view title, std::string_view body);

/// Returns: an inline SVG bar of `width` pixels filled to `fraction` (clamped to
/// [0, 1]), labelled `label` (escaped here) for screen readers and as a tooltip.
std::string svg_bar(double fraction, std::string_view label, int width = 160);

}  // namespace grader
