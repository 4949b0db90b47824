#include "commands/grading.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "build/build_lock.hpp"
#include "build/tree_build.hpp"
#include "commands/visible_grading.hpp"
#include "manifest/declared_tests.hpp"
#include "report/scoring.hpp"
#include "run/result_cache.hpp"
#include "run/suite_runner.hpp"
#include "sandbox/learner_files.hpp"
#include "sandbox/policies.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

ExerciseReport header_of(const Manifest& m) {
  ExerciseReport e;
  e.id = m.id;
  e.title = m.title;
  e.day = m.day;
  e.lesson = m.lesson;
  e.visibility = m.visibility;
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

std::vector<std::string> targets_of(const fs::path& course, const Manifest& manifest) {
  std::vector<std::string> targets;
  for (const SuiteVariant& variant : graded_variants(course, manifest))
    targets.push_back(variant.target);
  return targets;
}

// A test passes only when it passes in every build variant: a verdict of a further
// variant replaces a pass (or skip) of the main one, and says which build it came from.
void merge_variant(std::vector<TestReport>& tests, const std::vector<TestReport>& variant_tests,
                   const std::string& sanitize) {
  for (std::size_t i = 0; i < tests.size() && i < variant_tests.size(); ++i) {
    const TestStatus main = tests[i].status;
    const TestStatus other = variant_tests[i].status;
    if ((main == TestStatus::passed || main == TestStatus::skipped) &&
        other != TestStatus::passed && other != TestStatus::skipped) {
      tests[i] = variant_tests[i];
      tests[i].message = fmt::format("[in the {} build] {}", sanitize, tests[i].message);
    }
  }
}

ExerciseReport grade_exercise(TreeBuild& build, const Manifest& manifest, const BuildReport& built,
                              const ResultCache* cache,
                              const std::optional<SandboxPolicy>& sandbox) {
  ExerciseReport e = header_of(manifest);
  const std::vector<std::string> declared =
      declared_tests(graded_tests_dir(build.paths().course, manifest.id));
  e.build = built;
  if (!e.build.ok) {
    e.tests = match_declared(declared, {}, "not run: the exercise did not build");
    score_exercise(e, manifest);
    e.status = ExerciseStatus::build_error;
    return e;
  }
  const std::vector<SuiteVariant> variants = graded_variants(build.paths().course, manifest);
  std::vector<fs::path> binaries;
  binaries.reserve(variants.size());
  for (const SuiteVariant& variant : variants)
    binaries.push_back(build.suite_binary(variant.target));
  // A verdict reached outside the sandbox (where a submission can read the solutions)
  // never stands in for a sandboxed one, nor the other way round.
  std::string key = ResultCache::key_for(binaries, manifest);
  if (sandbox && !key.empty()) key += "+sandbox";
  if (cache != nullptr) {
    if (std::optional<ExerciseReport> known = cache->find(manifest.id, key)) {
      known->build = e.build;
      known->visibility = e.visibility;  // verdicts cached before it was recorded lack it
      return *known;
    }
  }
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const SuiteResult suite = run_suite(binaries[v], manifest, variants[v].sanitize, sandbox);
    std::vector<TestReport> tests = match_declared(
        declared, suite.tests,
        suite.listed ? "not run: the suite never reported this test" : "not run: " + suite.error);
    if (v == 0) {
      e.message = suite.error;
      e.tests = std::move(tests);
    } else {
      if (e.message.empty() && !suite.error.empty())
        e.message = fmt::format("[in the {} build] {}", variants[v].sanitize, suite.error);
      merge_variant(e.tests, tests, variants[v].sanitize);
    }
  }
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
  const BuildDirLock lock(build.paths().build_dir, request.progress);
  build.set_jobs(request.build_jobs);
  std::optional<SandboxPolicy> run_sandbox;
  if (request.sandbox) {
    const SandboxPaths where{request.project, request.course, request.workspace,
                             build.paths().build_dir, request.sandbox_hidden};
    fs::create_directories(where.build_dir);
    build.confine(build_policy(where));
    run_sandbox = run_policy(where);
  }
  request.progress("configuring the build");
  const BuildReport configured = build.configure();
  const ResultCache cache(build.paths().build_dir / "verdicts");

  // One build of every suite first: fast when little changed, and both cores busy
  // when much did. If it fails, each exercise is built on its own below, so a
  // compile error is charged to its own exercise with its own diagnostics.
  std::vector<std::string> all_targets;
  std::size_t buildable = 0;
  double all_seconds = 0;
  for (const CourseEntry& entry : entries) {
    if (!entry.manifest || !refused_learner_files(request.workspace, *entry.manifest).empty())
      continue;
    ++buildable;
    all_seconds += entry.manifest->build_seconds;
    for (std::string& target : targets_of(request.course, *entry.manifest))
      all_targets.push_back(std::move(target));
  }
  BuildReport all_built{false, 0, ""};
  if (configured.ok && buildable > 1) {
    request.progress(fmt::format("building {} exercises", buildable));
    all_built = build.build_targets(all_targets, all_seconds);
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
    const std::string refused = refused_learner_files(request.workspace, *entry.manifest);
    const BuildReport built = !refused.empty() ? BuildReport{false, 0, refused}
                              : !configured.ok ? configured
                              : all_built.ok
                                  ? BuildReport{true, 0, ""}
                                  : build.build_targets(targets_of(request.course, *entry.manifest),
                                                        entry.manifest->build_seconds);
    report.exercises.push_back(grade_exercise(build, *entry.manifest, built,
                                              request.use_cache ? &cache : nullptr, run_sandbox));
  }
  note_visible_only(request.course, report);
  return report;
}

}  // namespace grader
