#include <unistd.h>

#include <iostream>
#include <map>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/grading.hpp"
#include "release/course_kind.hpp"

namespace grader {

namespace fs = std::filesystem;

namespace {

std::map<std::string, const TestReport*> by_name(const ExerciseReport& e) {
  std::map<std::string, const TestReport*> tests;
  for (const TestReport& t : e.tests) tests[t.name] = &t;
  return tests;
}

// Every problem `verify` finds with one exercise, one line each.
std::vector<std::string> problems_of(const ExerciseReport& stub, const ExerciseReport& solution) {
  std::vector<std::string> problems;
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

}  // namespace

int run_verify(const GlobalOptions& global, const std::vector<std::string>& ids) {
  require_solutions(global.course, "verify");
  GradeRequest request;
  request.project = global.project;
  request.course = global.course;
  request.workspace = global.course / "exercises";
  request.ids = ids;
  request.progress = [](const std::string& line) { fmt::print(stderr, "verify: {}\n", line); };
  const Report stubs = grade(request);
  request.workspace = global.course / "solutions";
  const Report solutions = grade(request);

  int failing = 0;
  int tests = 0;
  for (std::size_t i = 0; i < solutions.exercises.size(); ++i) {
    const ExerciseReport& solution = solutions.exercises[i];
    const std::vector<std::string> problems = problems_of(stubs.exercises[i], solution);
    tests += static_cast<int>(solution.tests.size());
    int skipped = 0;
    for (const TestReport& t : solution.tests) skipped += t.status == TestStatus::skipped ? 1 : 0;
    const std::string note =
        skipped > 0 ? fmt::format(" ({} skipped here: optional tools missing)", skipped) : "";
    if (problems.empty()) {
      std::cout << fmt::format(
          "ok    {:<28} {} tests fail on the stub and pass on the solution{}\n", solution.id,
          solution.tests.size(), note);
      continue;
    }
    ++failing;
    std::cout << fmt::format("FAIL  {}\n", solution.id);
    for (const std::string& p : problems) std::cout << "      " << p << "\n";
  }
  std::cout << fmt::format("\nverify: {} exercises, {} tests, {} with problems\n",
                           solutions.exercises.size(), tests, failing);
  return failing == 0 ? 0 : 1;
}

}  // namespace grader
