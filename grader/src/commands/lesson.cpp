#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "lesson/terminal_markdown.hpp"
#include "state/progress.hpp"
#include "util/file.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxWidth = 100;

std::size_t terminal_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20)
    return std::min<std::size_t>(size.ws_col, kMaxWidth);
  return 80;
}

std::string read_text(const fs::path& path) {
  std::optional<std::string> text = read_file(path);
  if (!text) throw UsageError(fmt::format("cannot read lesson '{}'", path.string()));
  return std::move(*text);
}

// The lesson file of a block of days ("1-2" -> lessons/days-1-2-*.md).
fs::path lesson_of_day(const fs::path& course, const std::string& day) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(course / "lessons", ec)) {
    if (entry.path().filename().string().rfind("days-" + day + "-", 0) == 0) return entry.path();
  }
  throw UsageError(
      fmt::format("no lesson for days '{}' in {}", day, (course / "lessons").string()));
}

// Writes `text` through the user's pager when on a terminal, else straight out.
void show(const std::string& text) {
  if (isatty(STDOUT_FILENO) != 0) {
    const char* pager = std::getenv("PAGER");
    const std::string command = pager != nullptr && *pager != '\0' ? pager : "less -R -F -X";
    if (FILE* pipe = popen(command.c_str(), "w")) {
      std::fwrite(text.data(), 1, text.size(), pipe);
      if (pclose(pipe) == 0) return;
    }
  }
  std::cout << text;
}

}  // namespace

int run_lesson(const GlobalOptions& global, const std::string& which_option) {
  // No argument: the exercise being worked on, else the first block of days.
  std::string which = which_option;
  if (which.empty()) which = load_progress(workspace_or_default(global, {})).progress.current;
  if (which.empty()) which = "1-2";
  std::string markdown;
  if (which.find('-') != std::string::npos && std::isdigit(static_cast<unsigned char>(which[0])) &&
      which.size() <= 3) {
    markdown = read_text(lesson_of_day(global.course, which));  // a block of days: "1-2"
  } else {
    const Manifest m = require_exercise(global, which);
    const std::size_t hash = m.lesson.find('#');
    const std::string text = read_text(global.course / m.lesson.substr(0, hash));
    const std::optional<std::string> section =
        hash == std::string::npos ? std::optional<std::string>(text)
                                  : extract_section(text, m.lesson.substr(hash + 1));
    if (!section)
      throw UsageError(fmt::format("the lesson {} has no section '{}'", m.lesson.substr(0, hash),
                                   m.lesson.substr(hash)));
    markdown = *section;
  }
  show(render_markdown(markdown, terminal_width(), global.use_color(STDOUT_FILENO)));
  return 0;
}

}  // namespace grader
