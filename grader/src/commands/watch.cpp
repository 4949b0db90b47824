// `grader watch [ID]`: grade the current exercise on every save; keys h, n, l, r, q.
#include <unistd.h>

#include <iostream>

#include <fmt/color.h>
#include <fmt/format.h>

#include "commands/learner_views.hpp"
#include "commands/table.hpp"
#include "grading/grade.hpp"
#include "process/reaper.hpp"
#include "report/text_report.hpp"
#include "state/progress.hpp"
#include "util/errors.hpp"
#include "watch/file_watcher.hpp"
#include "watch/terminal.hpp"

namespace grader {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

struct WatchOptions {
  std::string id;
  fs::path workspace;
  bool poll = false;
};

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
  WatchScreen(const Context& context, bool terminal)
      : color_(context.use_color(STDOUT_FILENO)), terminal_(terminal) {}

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
                              kProgressBarWidth, color_)
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
      std::cout << first_problem_text(e) << "\n";
    }
    std::cout << "\n"
              << bold("h") << " hint · " << bold("n") << " next exercise"
              << (passed ? "" : " (once this passes)") << " · " << bold("l") << " list · "
              << bold("r") << " re-run · " << bold("q") << " quit\n"
              << std::flush;
  }

  void note(const std::string& text) { std::cout << "\n" << text << "\n" << std::flush; }

 private:
  static std::string first_problem_text(const ExerciseReport& e) {
    const FirstProblem problem = first_problem(e, kMessageLines);
    if (problem.build_error) return "It does not compile yet. The first error:\n\n" + problem.text;
    if (problem.test != nullptr) {
      return fmt::format("First failing test: {} ({})\n\n{}", problem.test->name,
                         to_string(problem.test->status), problem.text);
    }
    return problem.text;
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

// One `grader watch`: the exercise worked on, the learner's progress, the screen and keys.
class WatchSession {
 public:
  WatchSession(const Context& context, const WatchOptions& options)
      : context_(context),
        options_(options),
        workspace_(context.existing_workspace(options.workspace)),
        screen_(context, isatty(STDOUT_FILENO) != 0) {
    LoadedProgress loaded = load_progress(workspace_);
    if (loaded.warning) fmt::print(stderr, "grader: {}\n", *loaded.warning);
    progress_ = loaded.progress;
    current_ = options.id.empty() ? starting_exercise(context.course.entries(), progress_)
                                  : context.course.require(options.id).id;
  }

  // Grades, shows, and waits for a save or a key, until `q`.
  int run() {
    bool rerun = false;  // `r` asks for a real re-run, never a remembered verdict
    while (true) {
      const ExerciseReport result = grade_current(rerun);
      FileWatcher watcher(workspace_ / current_, options_.poll);
      std::optional<Next> next;
      while (!next) {
        if (const std::optional<char> key = keys_.read_key(kKeyWaitMs)) next = on_key(*key, result);
        if (!next && watcher.wait_for_change(milliseconds(0), kDebounce)) next = Next::regrade;
      }
      if (*next == Next::quit) return 0;
      rerun = *next == Next::rerun;
    }
  }

 private:
  enum class Next { regrade, rerun, quit };

  ExerciseReport grade_current(bool rerun) {
    progress_.current = current_;
    save_progress(workspace_, progress_);
    const GradeRequest request{
        .project = context_.project,
        .workspace = workspace_,
        .ids = {current_},
        .use_cache = !rerun,
        .progress = [this](const std::string& line) { screen_.busy(current_, line); }};
    ExerciseReport result = grade(context_.course, request).exercises.front();
    kill_descendants();  // what the learner's code left running would outlive every regrade
    if (result.status == ExerciseStatus::passed) progress_.passed.insert(current_);
    save_progress(workspace_, progress_);
    screen_.show(result, progress_, context_.course.entries().size());
    return result;
  }

  // What a key asks for; nullopt: keep waiting.
  std::optional<Next> on_key(char key, const ExerciseReport& result) {
    switch (key) {
      case 'q':
        return Next::quit;
      case 'r':
        return Next::rerun;
      case 'h':
        show_hint(context_, current_, workspace_, false);
        progress_ = load_progress(workspace_).progress;  // show_hint saved the hint count
        return std::nullopt;
      case 'l':
        show_list(context_, workspace_);
        return std::nullopt;
      case 'n':
        return move_on(result);
      default:
        return std::nullopt;
    }
  }

  std::optional<Next> move_on(const ExerciseReport& result) {
    if (result.status != ExerciseStatus::passed) {
      screen_.note("Finish this one first: n moves on once it passes.");
      return std::nullopt;
    }
    const std::string next = next_exercise(context_.course.entries(), progress_, current_);
    if (next.empty()) {
      screen_.note("Every exercise passes. That is the whole workbook — congratulations!");
      return std::nullopt;
    }
    current_ = next;
    return Next::regrade;
  }

  const Context& context_;
  const WatchOptions& options_;
  fs::path workspace_;
  Progress progress_;
  std::string current_;
  WatchScreen screen_;
  RawKeys keys_;
};

}  // namespace

CommandRun declare_watch(Options& options) {
  auto values = std::make_shared<WatchOptions>();
  options.text("id", values->id, "start with this exercise (default: the first not yet passed)");
  options.flag("--poll", values->poll, "poll for changes instead of inotify (network drives, WSL)");
  options.learner_workspace(values->workspace);
  return [values](const Context& context) {
    if (context.course.entries().empty())
      throw UsageError(fmt::format("'{}' has no exercises", context.course.root().string()));
    return WatchSession(context, *values).run();
  };
}

}  // namespace grader
