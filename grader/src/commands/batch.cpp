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

#include "batch/class_files.hpp"
#include "batch/class_json.hpp"
#include "batch/grade_student.hpp"
#include "batch/interrupt.hpp"
#include "batch/shard.hpp"
#include "batch/similarity.hpp"
#include "batch/source_key.hpp"
#include "commands/class_output.hpp"
#include "commands/table.hpp"
#include "process/process.hpp"
#include "process/reaper.hpp"
#include "report/class_summary.hpp"
#include "sandbox/sandbox.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct BatchOptions {
  fs::path submissions;            ///< one entry per student: a directory, .zip or .tar.gz
  fs::path out;                    ///< students/, work/, cache/, gradebook.csv, summary.*
  int jobs = 0;                    ///< students graded at a time; 0: one per core
  std::vector<std::string> ids;    ///< exercises graded; empty: all
  std::string shard;               ///< "K/N": grade only shard K of N and leave the merge
  std::vector<std::string> only;   ///< students regraded from scratch; empty: the whole class
  bool similarity = false;         ///< also compare the class with sim_c++ (grader similarity)
  std::vector<std::string> old;    ///< previous terms' submissions, compared with --similarity
  ClassOutputRequest output;       ///< extra class formats, the late policy, the Canvas export
  fs::path compiler_cache;         ///< the shared compiler cache; empty: OUT/ccache
  bool no_compiler_cache = false;  ///< compile every student's tree from scratch
};

// Returns: the compiler cache the students' builds share, or nullopt (with one line saying
// why) when there is none: not asked for, ccache missing, or no sandbox to keep test runs,
// which run learner code, from writing into it.
std::optional<CompilerCache> shared_compiler_cache(const BatchOptions& options,
                                                   const BatchPlan& plan) {
  if (options.no_compiler_cache) return std::nullopt;
  const fs::path dir = options.compiler_cache.empty()
                           ? plan.out / "ccache"
                           : fs::weakly_canonical(fs::absolute(options.compiler_cache));
  if (is_within(dir, plan.submissions))
    throw UsageError(fmt::format("--compiler-cache '{}' is inside the submissions directory",
                                 options.compiler_cache.string()));
  const std::string program = find_program("ccache");
  if (program.empty()) {
    fmt::print("batch: no compiler cache: ccache is not installed (scripts/setup installs it)\n");
    return std::nullopt;
  }
  if (sandbox_program().empty()) {
    fmt::print(
        "batch: no compiler cache: without bubblewrap a test run could write into it and "
        "forge the next student's objects\n");
    return std::nullopt;
  }
  return CompilerCache{.program = program, .dir = dir, .base_dir = {}};
}

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
  plan.compiler_cache = shared_compiler_cache(options, plan);
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

// The students this run grades: those of its shard, or those --only names.
std::vector<Submission> chosen(const std::vector<Submission>& all, const BatchOptions& options) {
  std::vector<Submission> students;
  if (!options.only.empty()) {
    for (const std::string& name : options.only) {
      const auto it = std::find_if(all.begin(), all.end(),
                                   [&](const Submission& s) { return s.student == name; });
      if (it == all.end())
        throw UsageError(fmt::format("--only: no student named '{}' in the submissions", name));
      students.push_back(*it);
    }
    return students;
  }
  if (options.shard.empty()) return all;
  const Shard shard = parse_shard(options.shard);
  std::copy_if(all.begin(), all.end(), std::back_inserter(students),
               [&](const Submission& s) { return in_shard(s.student, shard); });
  return students;
}

// Throws: UsageError for --similarity or --old where they cannot work; SetupError when
// --similarity is asked and sim_c++ is missing (before anything is graded).
void check_similarity_options(const BatchOptions& options) {
  if (!options.old.empty() && !options.similarity)
    throw UsageError("--old names what --similarity compares with: add --similarity");
  if (!options.similarity) return;
  if (!options.shard.empty())
    throw UsageError(
        "--similarity and --shard do not go together: a shard sees part of the class; run "
        "`grader similarity` after the merge");
  for (const std::string& term : options.old) {
    if (!fs::is_directory(term))
      throw UsageError(fmt::format("--old '{}' is not a directory", term));
  }
  require_sim();
}

// Effects: compares the class with sim_c++ when asked, then writes the class files of OUT.
void write_class(const Context& context, const BatchPlan& plan, const BatchOptions& options,
                 const ClassOutput& output, int jobs) {
  if (options.similarity) {
    const ClassSimilarity similarity =
        compare_class({.course_root = context.course.root(),
                       .course = context.course.entries(),
                       .exercises = plan.exercises,
                       .submissions = plan.submissions,
                       .old_terms = {options.old.begin(), options.old.end()},
                       .jobs = jobs});
    store_similarity(plan.out, similarity);
    fmt::print("{}", similarity_text(plan.out, similarity));
  }
  const ClassMerge merge = merge_class(plan.out);
  const std::string notes = write_class_files(plan.out, merge, output);
  fmt::print("{}{}", notes, class_summary_text(plan.out, merge.summary));
}

// Effects: makes OUT's directories and every student's work directory, and writes the
// roster of `all`, with when each entry was last modified (a late policy may need it).
void prepare_out(BatchPlan& plan, const std::vector<Submission>& all) {
  for (const char* dir : {"students", "cache", "work"}) fs::create_directories(plan.out / dir);
  std::map<std::string, Instant> modified;
  for (const Submission& s : all) {
    plan.students.push_back(s.student);
    if (const std::optional<Instant> at = modification_time(s.path)) modified[s.student] = *at;
    // Made before any sandbox starts, so each can hide every other student's directory.
    fs::create_directories(work_dir(plan, s.student));
  }
  write_roster(plan.out, plan.students, modified);
}

int run_batch(const Context& context, const BatchOptions& options) {
  if (options.jobs < 0) throw UsageError("--jobs must be at least 1");
  if (!options.shard.empty() && !options.only.empty())
    throw UsageError("--only and --shard do not go together: --only regrades named students");
  if (!options.shard.empty()) parse_shard(options.shard);  // bad usage before any file is made
  check_similarity_options(options);
  BatchPlan plan = make_plan(context, options);
  const ClassOutput output = prepare_class_output(plan.out, options.output);
  plan.fresh = !options.only.empty();
  const std::vector<Submission> all = list_submissions(plan.submissions);
  const std::vector<Submission> students = chosen(all, options);
  prepare_out(plan, all);
  const VerdictStore cache(plan.out / "cache", VerdictStore::Keep::every);
  const int jobs = options.jobs > 0
                       ? options.jobs
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  fmt::print("grading {} submissions from {}{}, {} at a time{}\n", students.size(),
             plan.submissions.string(),
             options.shard.empty() ? "" : fmt::format(" (shard {})", options.shard), jobs,
             plan.compiler_cache
                 ? fmt::format(", compiler cache {}", plan.compiler_cache->dir.string())
                 : "");
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
  if (!options.shard.empty()) {
    fmt::print("shard {} done; when every shard is, merge: grader gradebook {}\n", options.shard,
               plan.out.string());
    return 0;
  }
  write_class(context, plan, options, output, jobs);
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
  options.text("--shard", values->shard,
               "K/N: grade only shard K of N (by a hash of the name) into a shared --out; "
               "merge with `grader gradebook OUT`");
  options.texts("--only", values->only,
                "regrade these students from scratch, then rewrite the gradebook");
  options.flag("--similarity", values->similarity,
               "also rank pairs of students by how alike their code is (as `grader similarity`)");
  options.texts("--old", values->old,
                "with --similarity: a previous term's submissions directory (repeatable)");
  options.path("--compiler-cache", values->compiler_cache,
               "the ccache directory every student's build shares (default: OUT/ccache); "
               "shards may share one");
  options.flag("--no-compiler-cache", values->no_compiler_cache,
               "compile every student's tree from scratch");
  declare_class_output(options, values->output);
  return [values](const Context& context) { return run_batch(context, *values); };
}

}  // namespace grader
