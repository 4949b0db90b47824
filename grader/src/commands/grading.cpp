#include "commands/grading.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "build/tree_build.hpp"
#include "manifest/declared_tests.hpp"
#include "report/scoring.hpp"
#include "run/result_cache.hpp"
#include "run/suite_runner.hpp"

#ifndef GRADER_VERSION
#define GRADER_VERSION "0.0.0"
#endif

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr double kBuildSeconds = 600;  // one exercise's suite, cold, on a busy 2-core machine

ExerciseReport header_of(const Manifest& m) {
  ExerciseReport e;
  e.id = m.id;
  e.title = m.title;
  e.day = m.day;
  e.lesson = m.lesson;
  return e;
}

// Picks the course entries named in `ids` (all of them when empty).
std::vector<CourseEntry> select(std::vector<CourseEntry> course,
                                const std::vector<std::string>& ids) {
  if (ids.empty()) return course;
  std::vector<CourseEntry> chosen;
  for (const std::string& id : ids) {
    const CourseEntry* entry = find_entry(course, id);
    if (entry == nullptr)
      throw UsageError(fmt::format("no exercise named '{}' (see `grader list`)", id));
    chosen.push_back(*entry);
  }
  return chosen;
}

// The declared tests, each taken from what the suite reported, or not_run with `why`.
// Reported tests the suite source does not declare are dropped.
std::vector<TestReport> match_declared(const std::vector<std::string>& declared,
                                       const std::vector<TestReport>& reported,
                                       const std::string& why) {
  std::vector<TestReport> tests;
  for (const std::string& name : declared) {
    const auto it = std::find_if(reported.begin(), reported.end(),
                                 [&](const TestReport& t) { return t.name == name; });
    tests.push_back(it != reported.end() ? *it
                                         : TestReport{name, TestStatus::not_run, 0, 0, why, 0});
  }
  return tests;
}

ExerciseReport grade_exercise(TreeBuild& build, const Manifest& manifest, const BuildReport& built,
                              const ResultCache* cache) {
  ExerciseReport e = header_of(manifest);
  const std::vector<std::string> declared =
      declared_tests(build.paths().course / "grader" / "suites" / manifest.id);
  e.build = built;
  if (!e.build.ok) {
    e.tests = match_declared(declared, {}, "not run: the exercise did not build");
    score_exercise(e, manifest);
    e.status = ExerciseStatus::build_error;
    return e;
  }
  const std::string key = ResultCache::key_for(build.suite_binary(manifest.id), manifest);
  if (cache != nullptr) {
    if (std::optional<ExerciseReport> known = cache->find(manifest.id, key)) {
      known->build = e.build;
      return *known;
    }
  }
  const SuiteResult suite = run_suite(build.suite_binary(manifest.id), manifest);
  e.message = suite.error;
  e.tests = match_declared(
      declared, suite.tests,
      suite.listed ? "not run: the suite never reported this test" : "not run: " + suite.error);
  score_exercise(e, manifest);
  ResultCache(build.paths().build_dir / "verdicts").store(manifest.id, key, e);
  return e;
}

}  // namespace

fs::path build_dir_for(const GradeRequest& request) {
  return request.build_dir.empty() ? default_build_dir(request.course, request.workspace)
                                   : request.build_dir;
}

Report grade(const GradeRequest& request) {
  if (!fs::is_directory(request.workspace)) {
    throw UsageError(fmt::format("workspace '{}' is not a directory", request.workspace.string()));
  }
  if (!fs::is_directory(request.course / "exercises")) {
    throw UsageError(fmt::format("'{}' is not a course: it has no exercises/ directory",
                                 request.course.string()));
  }
  const std::vector<CourseEntry> entries = select(load_course(request.course), request.ids);

  Report report;
  report.tool_version = GRADER_VERSION;
  report.compiler = fmt::format("g++ {}", __VERSION__);
  report.workspace = fs::weakly_canonical(request.workspace).string();

  TreeBuild build(
      TreeBuildPaths{request.project, request.course, request.workspace, build_dir_for(request)},
      request.progress);
  request.progress("configuring the build");
  const BuildReport configured = build.configure();
  const ResultCache cache(build.paths().build_dir / "verdicts");

  // One build of every suite first: fast when little changed, and both cores busy
  // when much did. If it fails, each exercise is built on its own below, so a
  // compile error is charged to its own exercise with its own diagnostics.
  std::vector<std::string> buildable;
  for (const CourseEntry& entry : entries) {
    if (entry.manifest) buildable.push_back(entry.id);
  }
  BuildReport all_built{false, 0, ""};
  if (configured.ok && buildable.size() > 1) {
    request.progress(fmt::format("building {} exercises", buildable.size()));
    all_built =
        build.build_suites(buildable, kBuildSeconds * static_cast<double>(buildable.size()));
  }

  for (std::size_t i = 0; i < entries.size(); ++i) {
    const CourseEntry& entry = entries[i];
    if (!entry.manifest) {
      ExerciseReport e;
      e.id = entry.id;
      e.title = entry.id;
      e.status = ExerciseStatus::not_run;
      e.message = entry.error;
      report.exercises.push_back(std::move(e));
      continue;
    }
    request.progress(fmt::format("grading {} ({}/{})", entry.id, i + 1, entries.size()));
    const BuildReport built = !configured.ok ? configured
                              : all_built.ok ? BuildReport{true, 0, ""}
                                             : build.build_suite(entry.id, kBuildSeconds);
    report.exercises.push_back(
        grade_exercise(build, *entry.manifest, built, request.use_cache ? &cache : nullptr));
  }
  return report;
}

}  // namespace grader
