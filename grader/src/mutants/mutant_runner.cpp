#include "mutants/mutant_runner.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "batch/source_key.hpp"
#include "build/build_lock.hpp"
#include "build/tree_build.hpp"
#include "grading/grade.hpp"
#include "grading/verdict_store.hpp"
#include "mutants/mutant_patch.hpp"
#include "process/process.hpp"
#include "process/scratch_dir.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr double kPatchSeconds = 30;  // GNU patch on a few kilobytes; longer means it hangs
constexpr std::size_t kQuotedDiagnosticChars = 200;  // of a diagnostic quoted in a problem line

using Files = std::map<fs::path, std::string>;  // path relative to the tree -> bytes

// Where one exercise's mutants are graded, under <root>/build/mutants/<id>/ (<id>-clang/
// with the clang toolchain: each toolchain's objects in a directory of their own, as its trees).
struct MutantTree {
  fs::path dir;       ///< all of the below; its lock is held while the mutants are graded
  fs::path tree;      ///< the graded tree: <id>/ and the solutions it depends on
  fs::path build;     ///< its build directory, reused from one mutant to the next
  fs::path verdicts;  ///< the verdicts, by content
};

MutantTree tree_for(const Course& course, const std::string& id) {
  const fs::path dir =
      course.root() / "build" / "mutants" / (id + tree_toolchain().build_dir_suffix);
  return {.dir = dir, .tree = dir / "tree", .build = dir / "build", .verdicts = dir / "verdicts"};
}

std::string quoted_first_line(const std::string& text) {
  const std::size_t start = text.find_first_not_of("\r\n");
  if (start == std::string::npos) return "";
  return text.substr(start,
                     std::min(text.find_first_of("\r\n", start) - start, kQuotedDiagnosticChars));
}

// The compiler's first error in `diagnostics`, else their first line.
std::string quoted_first_error(const std::string& diagnostics) {
  const std::size_t error = diagnostics.find("error:");
  if (error == std::string::npos) return quoted_first_line(diagnostics);
  const std::size_t line = diagnostics.rfind('\n', error);
  return quoted_first_line(diagnostics.substr(line == std::string::npos ? 0 : line + 1));
}

// Effects: adds `id` and every exercise it depends on, directly or not, to `ids`.
void add_with_dependencies(const Course& course, const std::string& id,
                           std::set<std::string>& ids) {
  if (!ids.insert(id).second) return;
  for (const std::string& dependency : course.require(id).depends)
    add_with_dependencies(course, dependency, ids);
}

// Returns: the solutions' learner files of `id` and of every exercise it depends on.
Files solution_files(const Course& course, const std::string& id) {
  std::set<std::string> ids;
  add_with_dependencies(course, id, ids);
  Files files;
  for (const std::string& each : ids) {
    for (const std::string& file : course.require(each).files) {
      const fs::path path = course.root() / "solutions" / each / file;
      std::optional<std::string> bytes = read_file(path);
      if (!bytes)
        throw SetupError(fmt::format("cannot read the solution file '{}'", path.string()));
      files.emplace(fs::path(each) / file, std::move(*bytes));
    }
  }
  return files;
}

// Effects: writes `bytes` over `path` in place, which gives it a fresh modification time (the
// point: see the mtime trap in the header). Not util's write_atomically: its rename changes
// the directory's time, which the tree build watches for files added to an exercise, so
// every mutant would configure the tree again.
void rewrite(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out.flush()) throw SetupError(fmt::format("cannot write '{}'", path.string()));
}

// Effects: makes `tree` hold exactly `wanted`: rewrites each file whose bytes differ, leaves
// the others untouched (their objects stay valid), removes the files not wanted.
void sync_tree(const fs::path& tree, const Files& wanted) {
  fs::create_directories(tree);
  std::vector<fs::path> unwanted;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(tree)) {
    if (!entry.is_directory() && !wanted.contains(fs::relative(entry.path(), tree)))
      unwanted.push_back(entry.path());
  }
  for (const fs::path& path : unwanted) fs::remove(path);
  for (const auto& [relative, bytes] : wanted) {
    if (read_file(tree / relative) != bytes) rewrite(tree / relative, bytes);
  }
}

// A mutant's learner files, or why its patch does not make them.
struct Patched {
  Files files;          ///< the exercise's learner files, as <id>/<file>
  std::string problem;  ///< "" when the patch applied to the learner files only
};

// The files of `dir`, relative to it, recursively.
std::set<fs::path> files_in(const fs::path& dir) {
  std::set<fs::path> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_directory()) files.insert(fs::relative(entry.path(), dir));
  }
  return files;
}

// Returns: `manifest`'s learner files of `solution` with `patch` applied by GNU patch, in a
// scratch copy of them (so that neither a failed hunk's leftovers nor a rename ever reach
// the tree).
Patched apply_patch(const fs::path& patch, const Manifest& manifest, const Files& solution) {
  const ScratchDir scratch("grader-mutant-");
  for (const std::string& file : manifest.files)
    rewrite(scratch.path() / file, solution.at(fs::path(manifest.id) / file));
  const ProcessResult applied = run_process(ProcessSpec{
      .argv = {"patch", "-p1", "--batch", "--forward", "--silent", "--no-backup-if-mismatch",
               "--reject-file=-", "--fuzz=0", "--input=" + fs::absolute(patch).string()},
      .cwd = scratch.path(),
      .limits = {.wall_seconds = kPatchSeconds}});
  if (!applied.succeeded()) {
    const std::string said = quoted_first_line(applied.output);
    return {.problem = fmt::format("does not apply: {}", said.empty() ? applied.describe() : said)};
  }
  const std::set<fs::path> learner(manifest.files.begin(), manifest.files.end());
  for (const fs::path& file : files_in(scratch.path())) {
    if (!learner.contains(file)) {
      return {.problem = fmt::format("touches '{}', which is not a learner file of {}",
                                     file.string(), manifest.id)};
    }
  }
  Patched patched;
  for (const std::string& file : manifest.files) {
    std::optional<std::string> bytes = read_file(scratch.path() / file);
    if (!bytes) return {.problem = fmt::format("deletes the learner file '{}'", file)};
    patched.files.emplace(fs::path(manifest.id) / file, std::move(*bytes));
  }
  return patched;
}

// Everything the mutants of one exercise share.
struct MutantContext {
  const Course& course;
  const CourseEntry& entry;
  const Manifest& manifest;
  const MutantRequest& request;
  MutantTree where;
  Files solution;
  std::string digest;  ///< batch's course_digest(), the base of every verdict's key
  VerdictStore store;
};

// A verdict is kept only when it says something about the code: not a build that failed
// (perhaps out of time on a loaded machine), nor a test that ran out of time (the same).
bool worth_keeping(const ExerciseReport& e) {
  const bool graded = e.status == ExerciseStatus::passed || e.status == ExerciseStatus::failed;
  return graded && std::none_of(e.tests.begin(), e.tests.end(), [](const TestReport& t) {
           return t.status == TestStatus::timeout;
         });
}

// Returns: the verdict on the tree as it is now: graded, or the one kept for these sources.
ExerciseReport verdict_on_tree(const MutantContext& c, const std::string& name) {
  const std::string sources = source_key(c.digest, c.manifest, c.course, c.where.tree);
  const std::string key =
      sources.empty() ? "" : sources + (c.request.sandbox ? " sandboxed" : " unconfined");
  if (std::optional<ExerciseReport> known = c.store.find(c.entry.id, key)) {
    c.request.progress(fmt::format("mutant {}: verdict reused (its sources did not change)", name));
    return *known;
  }
  const GradeRequest request{.project = c.request.project,
                             .workspace = c.where.tree,
                             .build_dir = c.where.build,
                             .ids = {c.entry.id},
                             .sandbox = c.request.sandbox,
                             .progress = c.request.progress};
  ExerciseReport verdict = grade(c.course, request).exercises.front();
  if (worth_keeping(verdict)) c.store.store(c.entry.id, key, verdict);
  return verdict;
}

// Returns: "" when the mutant `name` is killed, else the problem.
std::string judge(const ExerciseReport& e, const std::string& name, const std::string& kills) {
  if (e.status == ExerciseStatus::build_error)
    return fmt::format("mutant {}: does not build: {}", name,
                       quoted_first_error(e.build.diagnostics));
  if (e.status == ExerciseStatus::refused)
    return fmt::format("mutant {}: is refused by the tamper guard: {}", name, e.message);
  if (e.status == ExerciseStatus::not_run)
    return fmt::format("mutant {}: was not graded: {}", name, e.message);
  if (e.score >= e.max_score)
    return fmt::format("mutant {} survived: scored {}/{} (kills: {})", name, e.score, e.max_score,
                       kills);
  const auto named = std::find_if(e.tests.begin(), e.tests.end(),
                                  [&](const TestReport& t) { return t.name == kills; });
  if (named != e.tests.end() && named->status == TestStatus::passed) {
    return fmt::format("mutant {}: lost points (scored {}/{}) but {} passed (fix its kills: line)",
                       name, e.score, e.max_score, kills);
  }
  return "";
}

// Returns: "" when the mutant in `patch` is killed, else the problem.
std::string grade_mutant(const MutantContext& c, const fs::path& patch) {
  const std::string name = fmt::format("{}/{}", c.entry.id, patch.stem().string());
  const std::optional<std::string> text = read_file(patch);
  if (!text) throw SetupError(fmt::format("cannot read the mutant '{}'", patch.string()));
  const MutantHeader header = parse_mutant_header(*text);
  if (!header.problem.empty()) return fmt::format("mutant {}: {}", name, header.problem);
  const std::vector<std::string>& declared = c.entry.declared_tests;
  if (std::find(declared.begin(), declared.end(), header.kills) == declared.end())
    return fmt::format("mutant {}: names {}, which the suite does not declare", name, header.kills);
  const Patched patched = apply_patch(patch, c.manifest, c.solution);
  if (!patched.problem.empty()) return fmt::format("mutant {}: {}", name, patched.problem);
  Files wanted = c.solution;
  for (const auto& [path, bytes] : patched.files) wanted[path] = bytes;
  sync_tree(c.where.tree, wanted);
  return judge(verdict_on_tree(c, name), name, header.kills);
}

}  // namespace

bool has_author_mutants(const Course& course) {
  return fs::is_directory(course.root() / "grader" / "mutants");
}

MutantsVerdict grade_mutants(const Course& course, const CourseEntry& entry,
                             const MutantRequest& request) {
  MutantsVerdict verdict;
  if (!entry.manifest) {
    verdict.problems.push_back("its mutants were not graded: " + entry.error);
    return verdict;
  }
  const std::vector<fs::path> patches = mutant_patches(mutants_dir(course.root(), entry.id));
  verdict.mutants = patches.size();
  if (patches.size() < static_cast<std::size_t>(request.minimum)) {
    verdict.problems.push_back(
        fmt::format("has {} author mutant{} in grader/mutants/{}/, fewer "
                    "than the {} required",
                    patches.size(), patches.size() == 1 ? "" : "s", entry.id, request.minimum));
  }
  if (patches.empty()) return verdict;
  if (find_program("patch").empty())
    throw SetupError("GNU patch is not installed: it applies the author mutants (scripts/setup)");
  const MutantTree where = tree_for(course, entry.id);
  // The tree is rewritten before each mutant, outside grade()'s own lock on the build: two
  // verifies of one exercise at once would grade each other's mutants. One at a time.
  const BuildDirLock lock(where.dir, request.progress);
  const MutantContext context{
      .course = course,
      .entry = entry,
      .manifest = *entry.manifest,
      .request = request,
      .where = where,
      .solution = solution_files(course, entry.id),
      .digest = course_digest(request.project, course.root(), compiler_version()),
      .store = VerdictStore(where.verdicts, VerdictStore::Keep::every)};
  for (std::size_t i = 0; i < patches.size(); ++i) {
    request.progress(fmt::format("mutant {}/{} ({}/{})", entry.id, patches[i].stem().string(),
                                 i + 1, patches.size()));
    std::string problem = grade_mutant(context, patches[i]);
    if (problem.empty())
      ++verdict.killed;
    else
      verdict.problems.push_back(std::move(problem));
  }
  return verdict;
}

}  // namespace grader
