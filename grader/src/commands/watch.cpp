#include <unistd.h>

#include <iostream>

#include <fmt/color.h>
#include <fmt/format.h>

#include "build/tree_build.hpp"
#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "report/text_report.hpp"
#include "state/progress.hpp"
#include "util/text.hpp"
#include "watch/file_watcher.hpp"
#include "watch/terminal.hpp"

namespace grader {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kDebounce(200);
constexpr int kKeyWaitMs = 100;
constexpr std::size_t kMessageLines = 12;

// The exercise to start with: the one asked for, else the one being worked on,
// else the first that has not passed, else the last.
std::string starting_exercise(const std::vector<CourseEntry>& course, const Progress& progress) {
  if (!progress.current.empty() && find_entry(course, progress.current) != nullptr)
    return progress.current;
  for (const CourseEntry& e : course) {
    if (progress.passed.count(e.id) == 0) return e.id;
  }
  return course.back().id;
}

// The first exercise after `current` that has not passed, wrapping around; empty when all passed.
std::string next_exercise(const std::vector<CourseEntry>& course, const Progress& progress,
                          const std::string& current) {
  const auto it = std::find_if(course.begin(), course.end(),
                               [&](const CourseEntry& e) { return e.id == current; });
  const std::size_t start = it == course.end() ? 0 : static_cast<std::size_t>(it - course.begin());
  for (std::size_t k = 1; k <= course.size(); ++k) {
    const CourseEntry& e = course[(start + k) % course.size()];
    if (progress.passed.count(e.id) == 0 && e.id != current) return e.id;
  }
  return {};
}

class WatchScreen {
 public:
  WatchScreen(const GlobalOptions& global, bool terminal)
      : color_(global.use_color(STDOUT_FILENO)), terminal_(terminal) {}

  void busy(const std::string& id, const std::string& what) {
    clear();
    std::cout << fmt::format("{} — {}…\n", id, what) << std::flush;
  }

  void show(const ExerciseReport& e, const Progress& progress, std::size_t exercises) {
    clear();
    const bool passed = e.status == ExerciseStatus::passed;
    std::cout << bold(fmt::format("Memory Workbook — {} {}", e.id, e.title))
              << fmt::format("  (days {})\n", e.day);
    std::cout << "course: "
              << progress_bar(static_cast<int>(progress.passed.size()), static_cast<int>(exercises),
                              30, color_)
              << fmt::format("  {}/{} exercises passed\n\n", progress.passed.size(), exercises);
    if (passed) {
      std::cout << paint(fmt::format("✔ {} passes: {}/{} points. Well done!", e.id, e.score,
                                     e.max_score),
                         fmt::terminal_color::green)
                << "\n";
      if (!e.lesson.empty()) std::cout << fmt::format("  Read on: {}\n", e.lesson);
      std::cout << "  Press n for the next exercise.\n";
    } else {
      std::cout << paint(fmt::format("✘ {}: {}/{} points ({})", e.id, e.score, e.max_score,
                                     to_string(e.status)),
                         fmt::terminal_color::red)
                << "\n\n";
      std::cout << first_problem(e) << "\n";
    }
    std::cout << "\n"
              << bold("h") << " hint · " << bold("n") << " next exercise"
              << (passed ? "" : " (once this passes)") << " · " << bold("l") << " list · "
              << bold("r") << " re-run · " << bold("q") << " quit\n"
              << std::flush;
  }

  void note(const std::string& text) { std::cout << "\n" << text << "\n" << std::flush; }

 private:
  static std::string first_problem(const ExerciseReport& e) {
    if (e.status == ExerciseStatus::build_error) {
      return "It does not compile yet. The first error:\n\n" +
             first_error(e.build.diagnostics, kMessageLines);
    }
    if (const TestReport* t = first_failing_test(e)) {
      return fmt::format("First failing test: {} ({})\n\n{}", t->name, to_string(t->status),
                         first_lines(t->message, kMessageLines));
    }
    return e.message;
  }

  void clear() const {
    if (terminal_) std::cout << "\033[2J\033[H";
  }
  std::string bold(const std::string& s) const {
    return color_ ? fmt::format(fmt::emphasis::bold, "{}", s) : s;
  }
  std::string paint(const std::string& s, fmt::terminal_color c) const {
    return color_ ? fmt::format(fmt::fg(c), "{}", s) : s;
  }

  bool color_;
  bool terminal_;
};

}  // namespace

int run_watch(const GlobalOptions& global, const std::string& id_option,
              const fs::path& workspace_option, bool poll) {
  const fs::path workspace = workspace_or_default(global, workspace_option);
  const std::vector<CourseEntry> course = load_course(global.course);
  if (course.empty())
    throw UsageError(fmt::format("'{}' has no exercises", global.course.string()));
  LoadedProgress loaded = load_progress(workspace);
  if (loaded.warning) fmt::print(stderr, "grader: {}\n", *loaded.warning);
  Progress progress = loaded.progress;
  std::string current = id_option.empty() ? starting_exercise(course, progress)
                                          : require_exercise(global, id_option).id;

  WatchScreen screen(global, isatty(STDOUT_FILENO) != 0);
  RawKeys keys;
  bool rerun = false;  // `r` asks for a real re-run, never a remembered verdict
  while (true) {
    progress.current = current;
    save_progress(workspace, progress);
    GradeRequest request;
    request.project = global.project;
    request.course = global.course;
    request.workspace = workspace;
    request.ids = {current};
    request.use_cache = !rerun;
    request.progress = [&](const std::string& line) { screen.busy(current, line); };
    const ExerciseReport result = grade(request).exercises.front();
    if (result.status == ExerciseStatus::passed) progress.passed.insert(current);
    save_progress(workspace, progress);
    screen.show(result, progress, course.size());

    FileWatcher watcher(workspace / current, poll);
    bool regrade = false;
    rerun = false;
    while (!regrade) {
      if (const std::optional<char> key = keys.read_key(kKeyWaitMs)) {
        switch (*key) {
          case 'q':
            return 0;
          case 'r':
            regrade = rerun = true;
            break;
          case 'h':
            run_hint(global, current, workspace, false);
            progress = load_progress(workspace).progress;  // run_hint saved the hint count
            break;
          case 'l':
            run_list(global, workspace);
            break;
          case 'n':
            if (result.status != ExerciseStatus::passed) {
              screen.note("Finish this one first: n moves on once it passes.");
            } else if (const std::string next = next_exercise(course, progress, current);
                       next.empty()) {
              screen.note("Every exercise passes. That is the whole workbook — congratulations!");
            } else {
              current = next;
              regrade = true;
            }
            break;
          default:
            break;
        }
      }
      if (!regrade && watcher.wait_for_change(milliseconds(0), kDebounce)) regrade = true;
    }
  }
}

}  // namespace grader
