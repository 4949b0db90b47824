// `grader verify [IDS]`: every hidden test fails on its stub and passes on its solution.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "commands/table.hpp"
#include "grading/grade.hpp"
#include "process/reaper.hpp"

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

// One line for the exercise when it has no problems, else FAIL and a line per problem.
void print_verdict(const ExerciseReport& solution, const std::vector<std::string>& problems) {
  const auto skipped =
      std::count_if(solution.tests.begin(), solution.tests.end(),
                    [](const TestReport& t) { return t.status == TestStatus::skipped; });
  const std::string note =
      skipped > 0 ? fmt::format(" ({} skipped here: optional tools missing)", skipped) : "";
  if (problems.empty()) {
    std::cout << fmt::format("ok    {:<28} {} tests fail on the stub and pass on the solution{}\n",
                             solution.id, solution.tests.size(), note);
    return;
  }
  std::cout << fmt::format("FAIL  {}\n", solution.id);
  for (const std::string& p : problems) std::cout << "      " << p << "\n";
}

int run_verify(const Context& context, const VerifyOptions& options) {
  const Course& course = context.course;
  course.require_solutions("verify");
  GradeRequest request{
      .project = context.project,
      .workspace = course.root() / "exercises",
      .ids = options.ids,
      .sandbox = options.sandbox,
      .progress = [](const std::string& line) { fmt::print(stderr, "verify: {}\n", line); }};
  const Report stubs = grade(course, request);
  request.workspace = course.root() / "solutions";
  const Report solutions = grade(course, request);
  kill_descendants();  // nothing the stubs or solutions started runs on past their verdicts
  const std::vector<CourseEntry> entries = course.select(options.ids);
  int failing = 0;
  std::size_t tests = 0;
  for (std::size_t i = 0; i < solutions.exercises.size(); ++i) {
    const ExerciseReport& solution = solutions.exercises[i];
    const std::vector<std::string> problems = problems_of(entries[i], stubs.exercises[i], solution);
    tests += solution.tests.size();
    failing += problems.empty() ? 0 : 1;
    print_verdict(solution, problems);
  }
  std::cout << fmt::format("\nverify: {} exercises, {} tests, {} with problems\n",
                           solutions.exercises.size(), tests, failing);
  return failing == 0 ? 0 : 1;
}

}  // namespace

CommandRun declare_verify(Options& options) {
  auto values = std::make_shared<VerifyOptions>();
  options.texts("ids", values->ids, "exercises to verify (default: all)");
  options.flag("--sandbox", values->sandbox,
               "grade the stubs and the solutions inside bubblewrap, as batch does; a "
               "sandboxed `check` of either tree then reuses these verdicts");
  return [values](const Context& context) { return run_verify(context, *values); };
}

}  // namespace grader
