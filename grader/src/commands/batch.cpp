// `grader batch`: grade a class's submissions in parallel into per-student reports,
// a gradebook and a class summary. One student is one std::thread worker's job: grade()
// keeps no global state (see grading/grade.hpp), so students are graded side by side in
// one process, and the verdict store and the reports are written by this process only.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "batch/class_json.hpp"
#include "batch/grade_student.hpp"
#include "batch/gradebook.hpp"
#include "batch/interrupt.hpp"
#include "batch/source_key.hpp"
#include "commands/table.hpp"
#include "process/reaper.hpp"
#include "report/class_summary.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct BatchOptions {
  fs::path submissions;          ///< one entry per student: a directory, .zip or .tar.gz
  fs::path out;                  ///< students/, work/, cache/, gradebook.csv, summary.*
  int jobs = 0;                  ///< students graded at a time; 0: one per core
  std::vector<std::string> ids;  ///< exercises graded; empty: all
};

constexpr auto kKillInterval = std::chrono::milliseconds(50);

// The plan of the batch, after every check that makes it bad usage (exit 2).
BatchPlan make_plan(const Context& context, const BatchOptions& options) {
  if (!fs::is_directory(options.submissions))
    throw UsageError(
        fmt::format("submissions '{}' is not a directory", options.submissions.string()));
  BatchPlan plan;
  plan.project = context.project;
  plan.course = &context.course;
  plan.submissions = fs::canonical(options.submissions);
  plan.out = fs::weakly_canonical(fs::absolute(options.out));
  if (is_within(plan.out, plan.submissions))
    throw UsageError(
        fmt::format("--out '{}' is inside the submissions directory: it would be "
                    "graded as a student",
                    options.out.string()));
  if (is_within(plan.submissions, plan.out))
    throw UsageError(
        fmt::format("the submissions directory is inside --out '{}'", options.out.string()));
  plan.exercises = context.course.select(options.ids);
  const std::string compiler = compiler_version();
  plan.compiler = first_lines(compiler, 1);
  if (!plan.compiler.empty() && plan.compiler.back() == '\n') plan.compiler.pop_back();
  plan.digest = course_digest(plan.project, context.course.root(), compiler);
  plan.course_key = course_key(plan.digest, context.course, plan.exercises);
  return plan;
}

std::string progress_line(const StudentOutcome& o, std::size_t done, std::size_t total) {
  const std::string head = fmt::format("[{}/{}] {}", done, total, o.result.student);
  if (o.fate == StudentFate::cancelled) return fmt::format("{} interrupted", head);
  // A refused student is the one without a report.
  if (!o.result.report) return fmt::format("{} refused: {}", head, o.result.refused);
  const Report& r = *o.result.report;
  std::string line = fmt::format("{} {}/{} ({:.0f}%)", head, r.score(), r.max_score(), r.percent());
  if (r.exercises_refused() > 0) line += fmt::format(", {} refused", r.exercises_refused());
  if (o.fate == StudentFate::reused) return line + " skipped: unchanged since the last run";
  line += fmt::format(" {:.1f} s", o.seconds);
  if (o.cached > 0) line += fmt::format(", {} cached", o.cached);
  if (o.learner_files == 0) line += " (no learner files found: graded as the stubs)";
  return line;
}

// Runs `students` on `jobs` worker threads; on SIGINT or SIGTERM kills what they run.
// Returns: each student's outcome, by position; false in `complete` when interrupted.
std::vector<StudentOutcome> run_workers(const BatchPlan& plan, const VerdictStore& cache,
                                        const std::vector<Submission>& students, int jobs,
                                        bool& complete) {
  std::vector<StudentOutcome> outcomes(students.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  std::atomic<bool> cancelled{false};
  std::mutex print;
  InterruptWatch watch;
  const auto worker = [&] {
    for (std::size_t i = next++; i < students.size() && !cancelled.load(); i = next++) {
      outcomes[i] = grade_student(plan, cache, students[i], cancelled);
      if (outcomes[i].fate == StudentFate::cancelled) continue;
      const std::lock_guard lock(print);
      fmt::print("{}\n", progress_line(outcomes[i], ++finished, students.size()));
      std::fflush(stdout);
    }
  };
  std::vector<std::thread> workers;
  const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(jobs), students.size());
  workers.reserve(count);
  for (std::size_t w = 0; w < count; ++w) workers.emplace_back(worker);
  // Workers leave when the queue is empty; the main thread watches for a signal meanwhile.
  while (finished.load() < students.size() && !watch.wait(std::chrono::milliseconds(200))) {
  }
  if (watch.signal() != 0) {
    cancelled.store(true);
    // Everything a worker starts from now on is killed too, until all have returned.
    std::atomic<std::size_t> returned{0};
    std::thread killer([&] {
      while (returned.load() < workers.size()) {
        kill_children();
        std::this_thread::sleep_for(kKillInterval);
      }
    });
    for (std::thread& t : workers) {
      t.join();
      ++returned;
    }
    killer.join();
  } else {
    for (std::thread& t : workers) t.join();
  }
  complete = !cancelled.load();
  return outcomes;
}

void write_class_files(const fs::path& out, const ClassSummary& summary,
                       const std::vector<std::string>& notes) {
  write_atomically(out / "gradebook.csv", render_gradebook(summary, notes));
  write_atomically(out / "summary.json", dump_json(class_to_json(summary)));
  write_atomically(out / "summary.md", render_class_markdown(summary));
  write_atomically(out / "summary.html", render_class_html(summary));
}

void print_class_summary(const fs::path& out, const ClassSummary& summary) {
  const auto graded = summary.percents.size();
  fmt::print("class: {} graded, {} refused; mean {:.1f}%, median {:.1f}%\n", graded,
             summary.students.size() - graded, mean(summary.percents), median(summary.percents));
  fmt::print("gradebook: {}\n", (out / "gradebook.csv").string());
  fmt::print("summary:   {} (also summary.md, summary.json)\n", (out / "summary.html").string());
  fmt::print("reports:   {}/<student>/\n", (out / "students").string());
}

// The class files from every student's outcome, in the order the students were listed.
void summarize(const fs::path& out, std::vector<StudentOutcome> outcomes) {
  std::vector<StudentResult> results;
  std::map<std::string, std::string> notes_by_student;
  for (StudentOutcome& o : outcomes) {
    if (o.fate != StudentFate::refused && o.learner_files == 0)
      notes_by_student[o.result.student] = "no learner files found: graded as the stubs";
    results.push_back(std::move(o.result));
  }
  const ClassSummary summary = summarize_class(std::move(results));
  std::vector<std::string> notes;
  notes.reserve(summary.students.size());
  for (const StudentResult& s : summary.students) notes.push_back(notes_by_student[s.student]);
  write_class_files(out, summary, notes);
  print_class_summary(out, summary);
}

int run_batch(const Context& context, const BatchOptions& options) {
  if (options.jobs < 0) throw UsageError("--jobs must be at least 1");
  BatchPlan plan = make_plan(context, options);
  const std::vector<Submission> students = list_submissions(plan.submissions);
  for (const char* dir : {"students", "cache", "work"}) fs::create_directories(plan.out / dir);
  for (const Submission& s : students) {
    plan.students.push_back(s.student);
    // Made before any sandbox starts, so each can hide every other student's directory.
    fs::create_directories(work_dir(plan, s.student));
  }
  const VerdictStore cache(plan.out / "cache", VerdictStore::Keep::every);
  const int jobs = options.jobs > 0
                       ? options.jobs
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  fmt::print("grading {} submissions from {}, {} at a time\n", students.size(),
             plan.submissions.string(), jobs);
  std::fflush(stdout);
  bool complete = false;
  std::vector<StudentOutcome> outcomes = run_workers(plan, cache, students, jobs, complete);
  // Only now, with every worker joined: an orphan a student left (setsid, no sandbox) and a
  // sibling's running build are alike to the grader (both its children, each leading a
  // group of its own), so killing every descendant while any student is still graded
  // would kill that build. Until here, bwrap's PID namespace ends a sandboxed student's
  // orphans with its run; unsandboxed, they live until the class is graded.
  kill_descendants();
  if (!complete) {
    const auto kept = std::count_if(outcomes.begin(), outcomes.end(), [](const StudentOutcome& o) {
      return o.fate == StudentFate::graded || o.fate == StudentFate::reused;
    });
    throw Interrupted(
        fmt::format("interrupted: {} of {} students are finished and kept; run the "
                    "same command again to grade the rest",
                    kept, students.size()));
  }
  summarize(plan.out, std::move(outcomes));
  return 0;
}

}  // namespace

CommandRun declare_batch(Options& options) {
  auto values = std::make_shared<BatchOptions>();
  options.path("submissions", values->submissions,
               "one entry per student: a directory, a .zip or a .tar.gz/.tgz", Need::required);
  options.texts("ids", values->ids, "exercises to grade (default: all)");
  options.path("--out", values->out, "where reports, gradebook.csv and summary.* go",
               Need::required);
  options.positive("--jobs,-j", values->jobs, "students graded at a time (default: cores)");
  return [values](const Context& context) { return run_batch(context, *values); };
}

}  // namespace grader
