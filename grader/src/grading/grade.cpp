#include "grading/grade.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "build/build_lock.hpp"
#include "build/tree_build.hpp"
#include "grading/verdict_store.hpp"
#include "guard/tamper_guard.hpp"
#include "model/scoring.hpp"
#include "run/suite_runner.hpp"
#include "sandbox/learner_files.hpp"
#include "sandbox/policies.hpp"
#include "sandbox/sandbox.hpp"
#include "util/errors.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr const char* kVerdictsDir = "verdicts";  // in the tree's build directory

// The exercises of one grading, and the one build of every suite tried first.
struct Plan {
  std::vector<CourseEntry> entries;
  std::vector<std::string> refused;   ///< per entry: why its learner files are refused, or ""
  std::vector<GuardVerdict> guarded;  ///< per entry: the tamper guard's verdict on its sources
  std::vector<std::vector<SuiteVariant>> variants;  ///< per entry: the builds that grade it
  std::vector<std::string> all_targets;
  std::size_t buildable = 0;
  /// The limit of the one build: the largest build limit of a buildable exercise. Not their
  /// sum: when it runs out, ninja keeps what was built and each exercise resumes in a build
  /// of its own under its own limit, so a sum would only let one endless compile (a
  /// template bomb) burn the others' limits before its own.
  double all_seconds = 0;
};

std::vector<std::string> targets_of(const std::vector<SuiteVariant>& variants) {
  std::vector<std::string> targets;
  targets.reserve(variants.size());
  for (const SuiteVariant& variant : variants) targets.push_back(variant.target);
  return targets;
}

Plan make_plan(const Course& course, const GradeRequest& request) {
  Plan plan{.entries = course.select(request.ids)};
  for (const CourseEntry& entry : plan.entries) {
    plan.refused.push_back(
        entry.manifest ? refused_learner_files(request.workspace, *entry.manifest) : "");
    plan.variants.push_back(entry.manifest ? course.graded_variants(*entry.manifest)
                                           : std::vector<SuiteVariant>{});
  }
  plan.guarded.resize(plan.entries.size());
  return plan;
}

// Effects: runs the tamper guard on every exercise that has a manifest and learner files the
// build may read, once the tree is configured (it reads the compile commands).
void guard_plan(Plan& plan, const TamperGuard& guard, const GradeRequest& request,
                const BuildReport& configured) {
  if (!configured.ok) return;  // no compile commands: each exercise gets the configure error
  for (std::size_t i = 0; i < plan.entries.size(); ++i) {
    const CourseEntry& entry = plan.entries[i];
    if (!entry.manifest || !plan.refused[i].empty()) continue;
    request.progress(fmt::format("checking {} for tampering", entry.id));
    plan.guarded[i] = guard.check_sources(*entry.manifest);
  }
}

// Effects: adds to the plan the targets of every exercise nothing refused, and their limit.
void plan_builds(Plan& plan) {
  for (std::size_t i = 0; i < plan.entries.size(); ++i) {
    const CourseEntry& entry = plan.entries[i];
    if (!entry.manifest || !plan.refused[i].empty() || !plan.guarded[i].refused.empty()) continue;
    ++plan.buildable;
    plan.all_seconds = std::max(plan.all_seconds, entry.manifest->build_seconds);
    for (std::string& target : targets_of(plan.variants[i]))
      plan.all_targets.push_back(std::move(target));
  }
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
    tests.push_back(it != reported.end()
                        ? *it
                        : TestReport{.name = name, .status = TestStatus::not_run, .message = why});
  }
  return tests;
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

// Returns: the tests a further build variant can still take points from: those every earlier
// build passed (or skipped). merge_variant keeps any other verdict, so running the others
// again would only spend time, a whole hang's worth when one hangs in every build.
std::set<std::string> still_passing(const std::vector<TestReport>& tests) {
  std::set<std::string> names;
  for (const TestReport& t : tests) {
    if (t.status == TestStatus::passed || t.status == TestStatus::skipped) names.insert(t.name);
  }
  return names;
}

// Runs every build variant's suite of an exercise that built, and merges their verdicts.
// Returns: why the exercise is refused (its code tampered with a suite's harness), or "".
std::string run_variants(ExerciseReport& e, const CourseEntry& entry, const Manifest& manifest,
                         const std::vector<SuiteVariant>& variants,
                         const std::vector<fs::path>& binaries,
                         const std::optional<SandboxPolicy>& sandbox) {
  for (std::size_t v = 0; v < variants.size(); ++v) {
    std::optional<std::set<std::string>> wanted;
    if (v > 0) wanted = still_passing(e.tests);
    if (wanted && wanted->empty()) break;
    const SuiteResult suite =
        run_suite(binaries[v], manifest, variants[v].sanitize, sandbox, wanted);
    if (!suite.refusal.empty()) {
      e.tests =
          match_declared(entry.declared_tests, suite.tests, "not graded: the exercise is refused");
      return v == 0 ? suite.refusal
                    : fmt::format("[in the {} build] {}", variants[v].sanitize, suite.refusal);
    }
    std::vector<TestReport> tests = match_declared(
        entry.declared_tests, suite.tests,
        suite.listed ? "not run: the suite never reported this test" : "not run: " + suite.error);
    if (v == 0) {
      e.message = suite.error;
      e.tests = std::move(tests);
      continue;
    }
    if (e.message.empty() && !suite.error.empty())
      e.message = fmt::format("[in the {} build] {}", variants[v].sanitize, suite.error);
    merge_variant(e.tests, tests, variants[v].sanitize);
  }
  return "";
}

// What one exercise's grading has to hand: its tree's build and where verdicts go.
struct ExerciseContext {
  const TreeBuild& build;
  const VerdictStore& store;
  bool use_cache = false;
  const std::optional<SandboxPolicy>& sandbox;
  const TamperGuard& guard;
};

// The report of an exercise the tamper guard refused: 0 points, every test not run, and why.
ExerciseReport refused_exercise(const CourseEntry& entry, const Manifest& manifest, std::string why,
                                BuildReport built) {
  ExerciseReport e = exercise_header(entry);
  e.build = std::move(built);
  e.tests =
      match_declared(entry.declared_tests, {}, "not run: the tamper guard refused the exercise");
  score_exercise(e, manifest.points);
  e.status = ExerciseStatus::refused;
  e.message = std::move(why);
  return e;
}

// The guard's word on exercise `i` of the plan once it built: why it is refused, or "".
std::string refused_after_build(const TamperGuard& guard, const Plan& plan, std::size_t i,
                                const Manifest& manifest) {
  // A file the compiler could not preprocess cannot build either; if it did, the guard was
  // fooled somehow (a file that changed in between), and it refuses what it did not read.
  if (!plan.guarded[i].checked)
    return fmt::format(
        "{}: a learner file could not be preprocessed for the tamper guard, "
        "yet the exercise built",
        manifest.id);
  return guard.audit_objects(manifest);
}

// Requires: `manifest` is entry's manifest.
ExerciseReport grade_exercise(const ExerciseContext& c, const CourseEntry& entry,
                              const Manifest& manifest, const std::vector<SuiteVariant>& variants,
                              const BuildReport& built) {
  ExerciseReport e = exercise_header(entry);
  e.build = built;
  if (!e.build.ok) {
    e.tests = match_declared(entry.declared_tests, {}, "not run: the exercise did not build");
    score_exercise(e, manifest.points);
    e.status = ExerciseStatus::build_error;
    return e;
  }
  BuiltSuite suite{.manifest = entry.manifest_path,
                   .compiler = c.build.compiler_identity(),
                   .sandboxed = c.sandbox.has_value()};
  for (const SuiteVariant& variant : variants)
    suite.binaries.push_back(c.build.suite_binary(variant.target));
  const std::string key = built_suite_key(suite);
  if (c.use_cache) {
    if (std::optional<ExerciseReport> known = c.store.find(entry.id, key)) {
      known->build = e.build;
      return *known;
    }
  }
  const std::string refusal = run_variants(e, entry, manifest, variants, suite.binaries, c.sandbox);
  score_exercise(e, manifest.points);
  if (!refusal.empty()) refuse_exercise(e, refusal);
  c.store.store(entry.id, key, e);
  return e;
}

// The build of exercise `i` of the plan, whose manifest is `manifest`: refused, or the one
// build of every suite, or its own build.
BuildReport build_exercise(TreeBuild& build, const Plan& plan, std::size_t i,
                           const Manifest& manifest, const BuildReport& configured,
                           const BuildReport& all_built) {
  if (!plan.refused[i].empty()) return BuildReport{.diagnostics = plan.refused[i]};
  if (!configured.ok) return configured;
  if (all_built.ok) return BuildReport{.ok = true};
  return build.build_targets(targets_of(plan.variants[i]), manifest.build_seconds);
}

// Effects: confines `build`'s later steps when the request asks for the sandbox, and
// compiles them through the request's compiler cache when the sandbox works (the runs then
// cannot see the cache; unconfined they could poison it).
// Returns: the policy of the suite runs, or nullopt.
std::optional<SandboxPolicy> confine(TreeBuild& build, const Course& course,
                                     const GradeRequest& request) {
  if (!request.sandbox) return std::nullopt;
  SandboxPaths where{request.project, course.root(), request.workspace, build.paths().build_dir,
                     request.sandbox_hidden};
  fs::create_directories(where.build_dir);
  if (request.compiler_cache && !sandbox_program().empty()) {
    CompilerCache cache = *request.compiler_cache;
    fs::create_directories(cache.dir);
    cache.base_dir =
        cache_base_dir(fs::weakly_canonical(request.workspace),
                       fs::weakly_canonical(where.build_dir), fs::weakly_canonical(course.root()));
    where.compiler_cache = cache.dir;
    build.use_compiler_cache(std::move(cache));
  }
  build.confine(build_policy(where));
  return run_policy(where);
}

// Exercise `i` of the plan, graded: refused by the guard, or built, audited, run and scored.
ExerciseReport grade_entry(const ExerciseContext& c, TreeBuild& build, const Plan& plan,
                           std::size_t i, const BuildReport& configured,
                           const BuildReport& all_built) {
  const CourseEntry& entry = plan.entries[i];
  if (!entry.manifest) return exercise_header(entry);
  const Manifest& manifest = *entry.manifest;
  if (!plan.guarded[i].refused.empty())
    return refused_exercise(entry, manifest, plan.guarded[i].refused, {});
  const BuildReport built = build_exercise(build, plan, i, manifest, configured, all_built);
  if (built.ok) {
    if (std::string why = refused_after_build(c.guard, plan, i, manifest); !why.empty())
      return refused_exercise(entry, manifest, std::move(why), built);
  }
  return grade_exercise(c, entry, manifest, plan.variants[i], built);
}

}  // namespace

fs::path build_dir_for(const Course& course, const GradeRequest& request) {
  return request.build_dir.empty() ? default_build_dir(course.root(), request.workspace)
                                   : request.build_dir;
}

Report report_header(const fs::path& workspace, std::string compiler) {
  return Report{.tool_version = GRADER_VERSION,
                .compiler = std::move(compiler),
                .workspace = fs::weakly_canonical(workspace).string()};
}

ExerciseReport exercise_header(const CourseEntry& entry) {
  if (!entry.manifest) {
    return ExerciseReport{.id = entry.id,
                          .title = entry.id,
                          .status = ExerciseStatus::not_run,
                          .message = entry.error};
  }
  const Manifest& m = *entry.manifest;
  return ExerciseReport{
      .id = m.id, .title = m.title, .day = m.day, .lesson = m.lesson, .visibility = m.visibility};
}

Report grade(const Course& course, const GradeRequest& request) {
  if (!fs::is_directory(request.workspace))
    throw UsageError(fmt::format("workspace '{}' is not a directory", request.workspace.string()));
  Plan plan = make_plan(course, request);
  TreeBuild build(TreeBuildPaths{request.project, course.root(), request.workspace,
                                 build_dir_for(course, request)},
                  request.progress);
  const BuildDirLock lock(build.paths().build_dir, request.progress);
  build.set_jobs(request.build_jobs);
  const std::optional<SandboxPolicy> run_sandbox = confine(build, course, request);
  request.progress("configuring the build");
  const BuildReport configured = build.configure();
  // The guard reads the compile commands the configure step wrote, and refuses before any
  // build: refused code is never compiled into an object, let alone run.
  const TamperGuard guard(build, request.workspace, course.root());
  guard_plan(plan, guard, request, configured);
  plan_builds(plan);
  // One build of every suite first: fast when little changed, and both cores busy when
  // much did. If it fails, each exercise is built on its own below, so a compile error
  // is charged to its own exercise with its own diagnostics.
  BuildReport all_built;
  if (configured.ok && plan.buildable > 1) {
    request.progress(fmt::format("building {} exercises", plan.buildable));
    all_built = build.build_targets(plan.all_targets, plan.all_seconds);
  }
  const VerdictStore store(build.paths().build_dir / kVerdictsDir, VerdictStore::Keep::latest);
  const ExerciseContext context{.build = build,
                                .store = store,
                                .use_cache = request.use_cache,
                                .sandbox = run_sandbox,
                                .guard = guard};
  Report report = report_header(request.workspace, build.compiler_identity());
  for (std::size_t i = 0; i < plan.entries.size(); ++i) {
    request.progress(
        fmt::format("grading {} ({}/{})", plan.entries[i].id, i + 1, plan.entries.size()));
    report.exercises.push_back(grade_entry(context, build, plan, i, configured, all_built));
  }
  course.note_visible_only(report);
  return report;
}

}  // namespace grader
