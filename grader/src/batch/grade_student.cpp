#include "batch/grade_student.hpp"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "batch/layout.hpp"
#include "batch/source_key.hpp"
#include "batch/student_store.hpp"
#include "batch/workspace.hpp"
#include "grading/grade.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// What a sandboxed build or run of `student` must not see: the solutions, every
// submission, and all of OUT but the student's own work directory.
std::vector<fs::path> hidden_from(const BatchPlan& plan, const std::string& student) {
  const fs::path& course = plan.course->root();
  std::vector<fs::path> hidden = course_builds(course);
  hidden.push_back(course / "solutions");
  hidden.push_back(plan.submissions);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(plan.out, ec)) {
    if (entry.path().filename() != "work") hidden.push_back(entry.path());
  }
  for (const std::string& other : plan.students) {
    if (other != student) hidden.push_back(work_dir(plan, other));
  }
  return hidden;
}

// Records the refusal for the gradebook (a failure to record it is in the outcome only: the
// student is then missing from a merge, and graded again by the next run).
StudentOutcome refused(const BatchPlan& plan, StudentOutcome outcome, std::string why) {
  std::error_code ec;
  try {
    store_refusal(student_dir(plan, outcome.result.student), why);
  } catch (const std::exception&) {
    fs::remove_all(student_dir(plan, outcome.result.student), ec);  // no stale reports
  }
  outcome.fate = StudentFate::refused;
  outcome.result.refused = std::move(why);
  return outcome;
}

// Grades the exercises of `workspace` whose verdicts `cache` does not know, in one grade()
// call, and stores their new verdicts. Returns: the student's report, every exercise in
// course order; nullopt when `cancelled` was set meanwhile.
std::optional<Report> grade_uncached(const BatchPlan& plan, const VerdictStore& cache,
                                     const std::string& student, const fs::path& workspace,
                                     const std::atomic<bool>& cancelled, StudentOutcome& outcome) {
  std::map<std::string, ExerciseReport> verdicts;
  std::map<std::string, std::string> keys;
  GradeRequest request{.project = plan.project,
                       .workspace = workspace,
                       .build_dir = workspace.parent_path() / "build",
                       .sandbox = true,
                       .sandbox_hidden = hidden_from(plan, student),
                       .compiler_cache = plan.compiler_cache,
                       .build_jobs = 1};
  for (const CourseEntry& entry : plan.exercises) {
    if (!entry.manifest) {
      verdicts[entry.id] = exercise_header(entry);
      continue;
    }
    const std::string key = source_key(plan.digest, *entry.manifest, *plan.course, workspace);
    std::optional<ExerciseReport> known = plan.fresh ? std::nullopt : cache.find(entry.id, key);
    if (known) {
      verdicts[entry.id] = std::move(*known);
      ++outcome.cached;
    } else {
      keys[entry.id] = key;
      request.ids.push_back(entry.id);
    }
  }
  Report report = report_header(workspace, plan.compiler);
  if (!request.ids.empty()) {
    report = grade(*plan.course, request);
    if (cancelled.load()) return std::nullopt;
    for (ExerciseReport& e : report.exercises) {
      // Only verdicts of suites that ran: a build error may come from the machine (a full
      // disk, a killed compiler), and it is found again quickly anyway.
      if (e.status == ExerciseStatus::passed || e.status == ExerciseStatus::failed)
        cache.store(e.id, keys[e.id], e);
      verdicts[e.id] = std::move(e);
    }
  }
  report.exercises.clear();
  for (const CourseEntry& entry : plan.exercises) report.exercises.push_back(verdicts[entry.id]);
  return report;
}

// Grades `submission` whose files are `intake`; the body of grade_student.
StudentOutcome grade_intake(const BatchPlan& plan, const VerdictStore& cache,
                            const Submission& submission, const Intake& intake,
                            const std::atomic<bool>& cancelled, StudentOutcome outcome) {
  const fs::path reports = student_dir(plan, submission.student);
  StudentRecord record;
  record.submission_hash = intake_hash(intake);
  record.course_key = plan.course_key;
  StudentRecord stored;
  std::optional<Report> done = plan.fresh ? std::nullopt : reusable_report(reports, record, stored);
  if (done) {
    outcome.fate = StudentFate::reused;
    outcome.result.report = std::move(done);
    outcome.learner_files = stored.learner_files;
    outcome.seconds = stored.seconds;
    return outcome;
  }

  const auto start = Clock::now();
  const LearnerFiles files = find_learner_files(intake, plan.exercises);
  outcome.learner_files = count_files(files);
  const fs::path work = work_dir(plan, submission.student);
  const fs::path workspace = work / "exercises";
  stage_workspace(plan.course->root(), plan.exercises, files, workspace);
  const std::optional<Report> report =
      grade_uncached(plan, cache, submission.student, workspace, cancelled, outcome);
  if (!report) {
    outcome.fate = StudentFate::cancelled;
    return outcome;
  }
  outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  record.learner_files = outcome.learner_files;
  record.seconds = outcome.seconds;
  store_student(reports, *report, record);
  std::error_code ec;
  fs::remove_all(work / "build", ec);  // the cache makes a rebuild cheap; builds are large
  outcome.fate = StudentFate::graded;
  outcome.result.report = *report;
  return outcome;
}

}  // namespace

fs::path student_dir(const BatchPlan& plan, const std::string& student) {
  return plan.out / "students" / student;
}

fs::path work_dir(const BatchPlan& plan, const std::string& student) {
  return plan.out / "work" / student;
}

StudentOutcome grade_student(const BatchPlan& plan, const VerdictStore& cache,
                             const Submission& submission, const std::atomic<bool>& cancelled) {
  StudentOutcome outcome;
  outcome.result.student = submission.student;
  try {
    const Intake intake = refuse_if_skipped(read_submission(submission, plan.limits));
    if (!intake.refused.empty()) return refused(plan, std::move(outcome), intake.refused);
    return grade_intake(plan, cache, submission, intake, cancelled, std::move(outcome));
  } catch (const std::exception& e) {
    if (cancelled.load()) {
      outcome.fate = StudentFate::cancelled;
      return outcome;
    }
    return refused(plan, std::move(outcome), fmt::format("grading failed: {}", e.what()));
  }
}

}  // namespace grader
