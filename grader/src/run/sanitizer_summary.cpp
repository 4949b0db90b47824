#include "run/sanitizer_summary.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "util/text.hpp"

namespace grader {

namespace {

// A LeakSanitizer report has a stack per leak; past this many, one line says how many more.
constexpr std::size_t kMaxStacks = 6;

struct StackFrame {
  std::string number;    ///< "#3"
  std::string function;  ///< "Arc<int>::increment()", "<null>"
  std::string location;  ///< "/path/arc.hpp:8:3", "<null>" or "" (a module offset only)
};

struct Stack {
  std::string title;  ///< "Previous write of size 8 at 0x7b04… by thread T1:"
  std::vector<StackFrame> frames;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

// Parses a frame line in either form the sanitizers write:
//   ASan, LSan: "#3 0x55ec4f37a3e0 in main /path/file.cpp:8"
//   TSan:       "#3 Arc<int>::increment() /path/arc.hpp:8 (suite+0x254c)"
// Returns: the frame, or nullopt for any other line.
std::optional<StackFrame> parse_frame(std::string_view line) {
  line = trim(line);
  if (line.size() < 2 || line[0] != '#' || std::isdigit(static_cast<unsigned char>(line[1])) == 0)
    return std::nullopt;
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  StackFrame frame{.number = std::string(line.substr(0, space))};
  std::string_view rest = line.substr(space + 1);
  if (rest.starts_with("0x")) {  // an address, then " in "
    const std::size_t in = rest.find(" in ");
    rest = in == std::string_view::npos ? std::string_view{} : rest.substr(in + 4);
  }
  if (rest.ends_with(')')) {  // a module and offset: "(libtsan.so.2+0x5e686)"
    const std::size_t open = rest.rfind(" (");
    rest = open == std::string_view::npos && rest.starts_with('(') ? std::string_view{}
           : open == std::string_view::npos                        ? rest
                                                                   : rest.substr(0, open);
  }
  const std::size_t last = rest.rfind(' ');
  frame.function = std::string(last == std::string_view::npos ? rest : rest.substr(0, last));
  frame.location = last == std::string_view::npos ? "" : std::string(rest.substr(last + 1));
  return frame;
}

// Returns: the file part of "path:line[:column]" and its line, e.g. {"/a/b.hpp", "8"}.
std::pair<std::string_view, std::string_view> split_location(std::string_view location) {
  std::string_view path = location;
  std::string_view line;
  for (int part = 0; part < 2; ++part) {  // at most a column, then a line, at the end
    const std::size_t colon = path.rfind(':');
    if (colon == std::string_view::npos) break;
    const std::string_view number = path.substr(colon + 1);
    if (number.empty() || number.find_first_not_of("0123456789") != std::string_view::npos) break;
    line = number;
    path = path.substr(0, colon);
  }
  return {path, line};
}

// Returns: the suffix of `learner_files` that `location` is in ("/07-arc/arc.hpp"), or "".
std::string_view learner_suffix(std::string_view location, const std::vector<std::string>& files) {
  const std::string_view path = split_location(location).first;
  for (const std::string& suffix : files)
    if (path.ends_with(suffix)) return suffix;
  return {};
}

// Returns: `location` as a learner reads it: "07-arc/arc.hpp:9" for their own file,
// "threads_test.cpp:4" for any other, "" when there is no file.
std::string shown_location(std::string_view location, const std::vector<std::string>& files) {
  const auto [path, line] = split_location(location);
  if (path.empty() || path == "<null>") return "";
  const std::string_view own = learner_suffix(location, files);
  const std::string_view name =
      !own.empty()
          ? own.substr(1)
          : path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  return line.empty() ? std::string(name) : fmt::format("{}:{}", name, line);
}

// Returns: `line` with each absolute path in it ("/home/…/07-arc/arc.hpp:8") shown as
// shown_location does ("07-arc/arc.hpp:8"): the SUMMARY line names where it happened.
std::string with_short_paths(std::string_view line, const std::vector<std::string>& files) {
  std::string out;
  while (!line.empty()) {
    const std::size_t end = std::min(line.find(' '), line.size());
    const std::string_view word = line.substr(0, end);
    out += word.starts_with('/') ? shown_location(word, files) : std::string(word);
    if (end < line.size()) out += ' ';
    line.remove_prefix(std::min(end + 1, line.size()));
  }
  return out;
}

// Returns: the lines of `stack` to show: its title, then frames from the first in the
// learner's files (or the top), at most kFramesPerStack of them.
std::string render_stack(const Stack& stack, const std::vector<std::string>& files) {
  std::size_t first = 0;
  while (first < stack.frames.size() && learner_suffix(stack.frames[first].location, files).empty())
    ++first;
  if (first == stack.frames.size()) first = 0;
  std::string out = fmt::format("  {}\n", stack.title);
  for (std::size_t i = first; i < stack.frames.size() && i < first + kFramesPerStack; ++i) {
    const StackFrame& f = stack.frames[i];
    const std::string where = shown_location(f.location, files);
    out += fmt::format("    {} {}{}\n", f.number, f.function, where.empty() ? "" : " " + where);
  }
  return out;
}

// Returns: `line` without the "==1234==" process prefix the sanitizers write.
std::string_view without_pid(std::string_view line) {
  if (!line.starts_with("==")) return line;
  const std::size_t end = line.find("==", 2);
  return end == std::string_view::npos ? line : line.substr(end + 2);
}

}  // namespace

std::string summarize_sanitizer_report(std::string_view report,
                                       const std::vector<std::string>& learner_files) {
  const std::vector<std::string_view> lines = split_lines(report);
  std::string out;
  std::size_t stacks = 0;
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = trim(without_pid(lines[i]));
    if (line.empty() || line.starts_with("====")) continue;
    if (line.starts_with("SUMMARY:")) {
      out += fmt::format("{}\n", with_short_paths(line, learner_files));
      break;  // what follows (a shadow-byte map, a count of warnings) explains nothing
    }
    Stack stack{.title = std::string(line)};
    while (i + 1 < lines.size()) {
      std::optional<StackFrame> frame = parse_frame(lines[i + 1]);
      if (!frame) break;
      stack.frames.push_back(std::move(*frame));
      ++i;
    }
    if (stack.frames.empty()) {
      out += fmt::format("{}\n", line);
    } else if (stack.title.starts_with("Thread T")) {
      continue;  // where a thread was created: not where memory was touched
    } else if (stacks++ < kMaxStacks) {
      out += render_stack(stack, learner_files);
    } else {
      ++dropped;
    }
  }
  if (dropped > 0)
    out += fmt::format("  … and {} more stack{}\n", dropped, dropped == 1 ? "" : "s");
  return out;
}

}  // namespace grader
