// `grader verify [IDS]`: every hidden test fails on its stub and passes on its solution, and
// every author mutant (grader/mutants/<id>/*.patch) loses points.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "commands/table.hpp"
#include "grading/grade.hpp"
#include "mutants/mutant_runner.hpp"
#include "process/reaper.hpp"
#include "util/errors.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

std::map<std::string, const TestReport*> by_name(const ExerciseReport& e) {
  std::map<std::string, const TestReport*> tests;
  for (const TestReport& t : e.tests) tests[t.name] = &t;
  return tests;
}

struct VerifyOptions {
  std::vector<std::string> ids;
  bool sandbox = false;
  bool skip_mutants = false;  ///< the stub/solution proof only
  bool only_mutants = false;  ///< the mutants only
  int min_mutants = kMinimumMutants;
};

// What verify found with one exercise.
struct ExerciseFindings {
  std::string id;
  std::vector<std::string> proved;  ///< what holds, e.g. "7 mutants killed", joined by "; "
  std::vector<std::string> problems;
};

// Every problem `verify` finds with one exercise, one line each.
std::vector<std::string> problems_of(const CourseEntry& entry, const ExerciseReport& stub,
                                     const ExerciseReport& solution) {
  std::vector<std::string> problems;
  for (const std::string& key : Course::undeclared_point_keys(entry)) {
    problems.push_back(fmt::format(
        "exercise.json: points.tests names '{}', which the suite does not declare", key));
  }
  if (solution.status == ExerciseStatus::build_error ||
      solution.status == ExerciseStatus::not_run) {
    problems.push_back(fmt::format(
        "the solution was not graded ({}): {}", to_string(solution.status),
        solution.message.empty() ? solution.build.diagnostics.substr(0, 300) : solution.message));
  }
  if (stub.status == ExerciseStatus::build_error)
    problems.push_back("the stub does not build (it must compile as shipped)");
  if (solution.tests.empty()) problems.push_back("the suite declares no tests");
  const auto stub_tests = by_name(stub);
  for (const TestReport& t : solution.tests) {
    if (t.status != TestStatus::passed && t.status != TestStatus::skipped) {
      problems.push_back(fmt::format("{}: {} on the solution: {}", t.name, to_string(t.status),
                                     t.message.substr(0, t.message.find('\n'))));
    }
    const auto it = stub_tests.find(t.name);
    if (it != stub_tests.end() && it->second->status == TestStatus::passed) {
      problems.push_back(fmt::format(
          "{}: passes on the stub (a test must fail until the learner writes the code)", t.name));
    }
  }
  return problems;
}

// What the stub/solution proof of `solution` shows when it has no problems.
std::string proof_line(const ExerciseReport& solution) {
  const auto skipped =
      std::count_if(solution.tests.begin(), solution.tests.end(),
                    [](const TestReport& t) { return t.status == TestStatus::skipped; });
  const std::string note =
      skipped > 0 ? fmt::format(" ({} skipped here: optional tools missing)", skipped) : "";
  return fmt::format("{} tests fail on the stub and pass on the solution{}", solution.tests.size(),
                     note);
}

// One line for the exercise when it has no problems, else FAIL and a line per problem.
void print_verdict(const ExerciseFindings& finding) {
  if (finding.problems.empty()) {
    std::cout << fmt::format("ok    {:<28} {}\n", finding.id, fmt::join(finding.proved, "; "));
    return;
  }
  std::cout << fmt::format("FAIL  {}\n", finding.id);
  for (const std::string& p : finding.problems) std::cout << "      " << p << "\n";
}

void print_progress(const std::string& line) {
  fmt::print(stderr, "verify: {}\n", line);
}

// Effects: grades the stubs and the solutions of `entries` and records, per exercise, what
// the proof shows or its problems. Returns: how many tests the solutions have.
std::size_t prove_stubs_and_solutions(const Context& context, const VerifyOptions& options,
                                      const std::vector<CourseEntry>& entries,
                                      std::vector<ExerciseFindings>& findings) {
  const Course& course = context.course;
  GradeRequest request{.project = context.project,
                       .workspace = course.root() / "exercises",
                       .ids = options.ids,
                       .sandbox = options.sandbox,
                       .progress = print_progress};
  const Report stubs = grade(course, request);
  request.workspace = course.root() / "solutions";
  const Report solutions = grade(course, request);
  kill_descendants();  // nothing the stubs or solutions started runs on past their verdicts
  std::size_t tests = 0;
  for (std::size_t i = 0; i < solutions.exercises.size(); ++i) {
    const ExerciseReport& solution = solutions.exercises[i];
    findings[i].problems = problems_of(entries[i], stubs.exercises[i], solution);
    if (findings[i].problems.empty()) findings[i].proved.push_back(proof_line(solution));
    tests += solution.tests.size();
  }
  return tests;
}

// Effects: grades the author mutants of `entry` into `finding`. Returns: how many it has.
std::size_t verify_mutants(const Context& context, const VerifyOptions& options,
                           const CourseEntry& entry, ExerciseFindings& finding) {
  const MutantsVerdict verdict = grade_mutants(context.course, entry,
                                               MutantRequest{.project = context.project,
                                                             .sandbox = options.sandbox,
                                                             .minimum = options.min_mutants,
                                                             .progress = print_progress});
  kill_descendants();  // nor what a mutant started
  finding.problems.insert(finding.problems.end(), verdict.problems.begin(), verdict.problems.end());
  finding.proved.push_back(
      fmt::format("{} mutant{} killed", verdict.killed, verdict.killed == 1 ? "" : "s"));
  return verdict.mutants;
}

int run_verify(const Context& context, const VerifyOptions& options) {
  if (options.skip_mutants && options.only_mutants)
    throw UsageError("--skip-mutants and --only-mutants exclude each other; give at most one");
  const Course& course = context.course;
  course.require_solutions("verify");
  const std::vector<CourseEntry> entries = course.select(options.ids);
  std::vector<ExerciseFindings> findings(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) findings[i].id = entries[i].id;
  const std::size_t tests =
      options.only_mutants ? 0 : prove_stubs_and_solutions(context, options, entries, findings);
  const bool mutants = !options.skip_mutants && has_author_mutants(course);
  std::size_t mutant_count = 0;
  int failing = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    // A solution that fails its own proof would make every mutant look killed: not graded.
    if (mutants && findings[i].problems.empty())
      mutant_count += verify_mutants(context, options, entries[i], findings[i]);
    else if (options.only_mutants && !mutants)
      findings[i].proved.emplace_back("no author mutants");
    failing += findings[i].problems.empty() ? 0 : 1;
    print_verdict(findings[i]);
  }
  std::string counted = options.only_mutants ? "" : fmt::format("{} tests, ", tests);
  if (mutants) counted += fmt::format("{} mutants, ", mutant_count);
  std::cout << fmt::format("\nverify: {} exercises, {}{} with problems\n", entries.size(), counted,
                           failing);
  if (!options.skip_mutants && !mutants)
    std::cout << "verify: the course has no grader/mutants/: no author mutants graded\n";
  return failing == 0 ? 0 : 1;
}

}  // namespace

CommandRun declare_verify(Options& options) {
  auto values = std::make_shared<VerifyOptions>();
  options.texts("ids", values->ids, "exercises to verify (default: all)");
  options.flag("--sandbox", values->sandbox,
               "grade the stubs, the solutions and the mutants inside bubblewrap, as batch "
               "does; a sandboxed `check` of either tree then reuses these verdicts");
  options.flag("--skip-mutants", values->skip_mutants,
               "only prove that every hidden test fails on its stub and passes on its solution");
  options.flag("--only-mutants", values->only_mutants,
               "only grade the author mutants (grader/mutants/<id>/*.patch)");
  options.positive("--min-mutants", values->min_mutants,
                   fmt::format("the author mutants each exercise needs when the course has "
                               "grader/mutants/ (default {})",
                               kMinimumMutants));
  return [values](const Context& context) { return run_verify(context, *values); };
}

}  // namespace grader
