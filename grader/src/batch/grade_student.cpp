#include "batch/grade_student.hpp"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "batch/layout.hpp"
#include "batch/student_store.hpp"
#include "batch/workspace.hpp"
#include "commands/grading.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// What a sandboxed build or run of `student` must not see: the solutions, every
// submission, and all of OUT but the student's own work directory.
std::vector<fs::path> hidden_from(const BatchPlan& plan, const std::string& student) {
  std::vector<fs::path> hidden = {plan.course / "solutions", plan.submissions};
  std::error_code ec;
  if (fs::exists(plan.course / "build" / "trees", ec))
    hidden.push_back(plan.course / "build" / "trees");  // built solutions
  for (const auto& entry : fs::directory_iterator(plan.out, ec)) {
    if (entry.path().filename() != "work") hidden.push_back(entry.path());
  }
  for (const std::string& other : plan.students) {
    if (other != student) hidden.push_back(work_dir(plan, other));
  }
  return hidden;
}

// The entry grade() makes for an exercise whose manifest could not be loaded.
ExerciseReport unloadable(const CourseEntry& entry) {
  ExerciseReport e;
  e.id = entry.id;
  e.title = entry.id;
  e.status = ExerciseStatus::not_run;
  e.message = entry.error;
  return e;
}

StudentOutcome refused(StudentOutcome outcome, std::string why) {
  outcome.fate = StudentFate::refused;
  outcome.result.refused = std::move(why);
  return outcome;
}

// Grades `submission` whose files are `intake`; the body of grade_student.
StudentOutcome grade_intake(const BatchPlan& plan, const VerdictCache& cache,
                            const Submission& submission, const Intake& intake,
                            const std::atomic<bool>& cancelled, StudentOutcome outcome) {
  const fs::path reports = student_dir(plan, submission.student);
  StudentRecord record;
  record.submission_hash = intake_hash(intake);
  record.course_key = plan.course_key;
  StudentRecord stored;
  if (std::optional<Report> done = reusable_report(reports, record, stored)) {
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
  stage_workspace(plan.course, plan.exercises, files, workspace);

  std::map<std::string, ExerciseReport> verdicts;
  std::map<std::string, std::string> keys;
  GradeRequest request;
  for (const CourseEntry& entry : plan.exercises) {
    if (!entry.manifest) {
      verdicts[entry.id] = unloadable(entry);
      continue;
    }
    const std::string key = cache.key(*entry.manifest, plan.exercises, plan.course, workspace);
    if (std::optional<ExerciseReport> known = cache.find(entry.id, key)) {
      verdicts[entry.id] = std::move(*known);
      ++outcome.cached;
    } else {
      keys[entry.id] = key;
      request.ids.push_back(entry.id);
    }
  }

  Report report;
  if (!request.ids.empty()) {
    request.project = plan.project;
    request.course = plan.course;
    request.workspace = workspace;
    request.build_dir = work / "build";
    request.build_jobs = 1;
    request.sandbox = true;
    request.sandbox_hidden = hidden_from(plan, submission.student);
    report = grade(request);
    if (cancelled.load()) {
      outcome.fate = StudentFate::cancelled;
      return outcome;
    }
    for (ExerciseReport& e : report.exercises) {
      // Only verdicts of suites that ran: a build error may come from the machine (a full
      // disk, a killed compiler), and it is found again quickly anyway.
      if (e.status == ExerciseStatus::passed || e.status == ExerciseStatus::failed)
        cache.store(keys[e.id], e);
      verdicts[e.id] = std::move(e);
    }
  } else {
    report.tool_version = GRADER_VERSION;
    report.compiler = fmt::format("g++ {}", __VERSION__);
    report.workspace = fs::weakly_canonical(workspace).string();
  }
  report.exercises.clear();
  for (const CourseEntry& entry : plan.exercises) report.exercises.push_back(verdicts[entry.id]);

  outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  record.learner_files = outcome.learner_files;
  record.seconds = outcome.seconds;
  store_student(reports, report, record);
  std::error_code ec;
  fs::remove_all(work / "build", ec);  // the cache makes a rebuild cheap; builds are large
  outcome.fate = StudentFate::graded;
  outcome.result.report = std::move(report);
  return outcome;
}

}  // namespace

fs::path student_dir(const BatchPlan& plan, const std::string& student) {
  return plan.out / "students" / student;
}

fs::path work_dir(const BatchPlan& plan, const std::string& student) {
  return plan.out / "work" / student;
}

StudentOutcome grade_student(const BatchPlan& plan, const VerdictCache& cache,
                             const Submission& submission, const std::atomic<bool>& cancelled) {
  StudentOutcome outcome;
  outcome.result.student = submission.student;
  try {
    const Intake intake = read_submission(submission, plan.limits);
    if (!intake.refused.empty()) {
      std::error_code ec;
      fs::remove_all(student_dir(plan, submission.student), ec);  // no stale reports
      return refused(std::move(outcome), intake.refused);
    }
    return grade_intake(plan, cache, submission, intake, cancelled, std::move(outcome));
  } catch (const std::exception& e) {
    if (cancelled.load()) {
      outcome.fate = StudentFate::cancelled;
      return outcome;
    }
    return refused(std::move(outcome), fmt::format("grading failed: {}", e.what()));
  }
}

}  // namespace grader
