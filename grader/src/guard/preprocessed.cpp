#include "guard/preprocessed.hpp"

#include <filesystem>
#include <optional>

#include "guard/line_markers.hpp"

namespace grader {
namespace {

// One file on the include stack of the output being read.
struct IncludedFile {
  std::string file;
  std::size_t line = 0;  ///< of the next output line while this file is on top
  bool learner = false;
};

// Follows the line markers: which file and line each output line comes from.
class IncludeStack {
 public:
  explicit IncludeStack(const std::function<bool(const std::string&)>& is_learner)
      : is_learner_(is_learner) {}

  // Effects: applies `marker`, read just before the output line numbered `output_line`.
  void apply(const LineMarker& marker, std::size_t output_line, PreprocessedScan& scan) {
    if (marker.enter) {
      // The includer's line at the marker's own output line is the #include's line.
      sync(output_line - 1);
      if (is_forbidden_header(marker.file)) {
        const IncludedFile* learner = innermost_learner();
        scan.includes.push_back({.header = marker.file,
                                 .file = learner != nullptr ? learner->file : marker.file,
                                 .line = learner != nullptr ? learner->line : marker.line});
      }
      frames_.push_back({});
    } else if (marker.leave && frames_.size() > 1) {
      frames_.pop_back();
    }
    if (frames_.empty()) frames_.push_back({});
    IncludedFile& top = frames_.back();
    top.file = marker.file;
    top.line = marker.line;
    top.learner = is_learner_(marker.file);
    if (top.learner) scan.learner_files.insert(marker.file);
    base_ = output_line;
  }

  // Returns: the top frame, its line brought to output line `output_line`.
  const IncludedFile* at(std::size_t output_line) {
    if (frames_.empty()) return nullptr;
    sync(output_line);
    return &frames_.back();
  }

 private:
  void sync(std::size_t output_line) {
    if (frames_.empty()) return;
    frames_.back().line += output_line - base_;
    base_ = output_line;
  }

  const IncludedFile* innermost_learner() const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it)
      if (it->learner) return &*it;
    return nullptr;
  }

  const std::function<bool(const std::string&)>& is_learner_;
  std::vector<IncludedFile> frames_;
  std::size_t base_ = 0;  ///< the output line where the top frame's `line` holds
};

bool starts_with_digit(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t");
  return start != std::string_view::npos && text[start] >= '0' && text[start] <= '9';
}

}  // namespace

bool is_forbidden_header(std::string_view header) {
  const std::filesystem::path path(header);
  for (const auto& part : path.parent_path()) {
    if (part == "gtest" || part == "gmock" || part == "sanitizer") return true;
  }
  const std::string name = path.filename().string();
  return name.starts_with("gtest") || name.starts_with("gmock");
}

PreprocessedScan scan_preprocessed(std::string_view text,
                                   const std::function<bool(const std::string&)>& is_learner) {
  PreprocessedScan scan;
  IncludeStack stack(is_learner);
  Lexer lexer(text);
  while (std::optional<Token> token = lexer.next()) {
    if (token->first_on_line && token->text == "#" && starts_with_digit(lexer.peek_line())) {
      // The marker describes the line after its own.
      const std::size_t output_line = token->line + 1;
      if (const std::optional<LineMarker> marker = parse_line_marker(lexer.rest_of_line()))
        stack.apply(*marker, output_line, scan);
      continue;
    }
    const IncludedFile* frame = stack.at(token->line);
    if (frame == nullptr || !frame->learner) continue;
    scan.tokens.push_back({.kind = token->kind,
                           .text = std::string(token->text),
                           .file = frame->file,
                           .line = frame->line,
                           .first_on_line = token->first_on_line});
  }
  return scan;
}

}  // namespace grader
