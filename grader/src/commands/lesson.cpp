// `grader lesson [DAY|ID]`: a block of days' lesson, or every section an exercise builds on.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "commands/table.hpp"
#include "lesson/terminal_markdown.hpp"
#include "state/progress.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxWidth = 100;     // lines longer than this are hard to read
constexpr std::size_t kMinWidth = 20;      // narrower than this: the size is not believable
constexpr std::size_t kDefaultWidth = 80;  // not a terminal, or its size is unknown

std::size_t terminal_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > kMinWidth)
    return std::min<std::size_t>(size.ws_col, kMaxWidth);
  return kDefaultWidth;
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
    // $PAGER is a shell command line by convention ("less -R"), run as git and man run it.
    if (FILE* pipe = popen(command.c_str(), "w")) {  // NOLINT(bugprone-command-processor)
      std::fwrite(text.data(), 1, text.size(), pipe);
      if (pclose(pipe) == 0) return;
    }
  }
  std::cout << text;
}

// The lesson section `link` names ("lessons/x.md#anchor"; a whole lesson without an anchor).
std::string section_at(const fs::path& course, const std::string& link) {
  const std::size_t hash = link.find('#');
  std::string text = read_text(course / link.substr(0, hash));
  if (hash == std::string::npos) return text;
  std::optional<std::string> section = extract_section(text, link.substr(hash + 1));
  if (!section)
    throw UsageError(
        fmt::format("the lesson {} has no section '{}'", link.substr(0, hash), link.substr(hash)));
  return std::move(*section);
}

// Every lesson section exercise `m` builds on, in reading order, a rule between two. A
// section inside one already shown (a subsection of it) is not shown twice.
std::string sections_of(const fs::path& course, const Manifest& m) {
  std::string text = section_at(course, m.lesson);
  for (const std::string& link : m.also_read) {
    const std::string section = section_at(course, link);
    if (text.find(section) == std::string::npos) text += "\n---\n\n" + section;
  }
  return text;
}

bool names_days(const std::string& which) {
  constexpr std::size_t kLongestDays = 3;  // "5-7"
  return which.find('-') != std::string::npos &&
         std::isdigit(static_cast<unsigned char>(which[0])) && which.size() <= kLongestDays;
}

int run_lesson(const Context& context, const std::string& which_option, const fs::path& workspace) {
  // No argument: the exercise being worked on in `workspace`, else the first block of days.
  std::string which = which_option;
  if (which.empty()) which = load_progress(workspace).progress.current;
  if (which.empty()) which = "1-2";
  const std::string markdown =
      names_days(which) ? read_text(lesson_of_day(context.course.root(), which))
                        : sections_of(context.course.root(), context.course.require(which));
  show(render_markdown(markdown, terminal_width(), context.use_color(STDOUT_FILENO)));
  return 0;
}

struct LessonOptions {
  std::string which;
  fs::path workspace;
};

}  // namespace

CommandRun declare_lesson(Options& options) {
  auto values = std::make_shared<LessonOptions>();
  options.text("which", values->which, "a block of days (1-2, 3-4, 5-7) or an exercise (02)");
  options.learner_workspace(values->workspace);
  return [values](const Context& context) {
    return run_lesson(context, values->which, context.existing_workspace(values->workspace));
  };
}

}  // namespace grader
