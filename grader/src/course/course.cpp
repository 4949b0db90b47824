#include "course/course.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "manifest/declared_tests.hpp"
#include "manifest/hints.hpp"
#include "util/errors.hpp"

namespace grader {

namespace fs = std::filesystem;

const char* const kVisibleOnlyNotice =
    "visible tests only: this release withholds the hidden tests, which are graded by the "
    "instructor";

namespace {

CourseKind kind_of(const fs::path& root) {
  if (!fs::is_directory(root / "grader" / "suites")) return CourseKind::release_without_hidden;
  return fs::is_directory(root / "solutions") ? CourseKind::full : CourseKind::release;
}

constexpr std::size_t kMaxNumberDigits = 9;  // an exercise number fits an unsigned long

bool is_number(const std::string& text) {
  return !text.empty() && text.size() <= kMaxNumberDigits &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Returns: whether `name` names the exercise `id`: its full id ("03-bump-arena"), its number
// as written ("03"), or that number without its leading zeros ("3").
bool names_exercise(const std::string& id, const std::string& name) {
  const std::string number = id.substr(0, id.find('-'));
  if (id == name || number == name) return true;
  return is_number(number) && is_number(name) && std::stoul(number) == std::stoul(name);
}

}  // namespace

Course Course::load(const fs::path& root) {
  if (!fs::is_directory(root / "exercises"))
    throw UsageError(
        fmt::format("'{}' is not a course: it has no exercises/ directory", root.string()));
  Course course(root, kind_of(root), fs::is_directory(root / "solutions"));
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(root / "exercises", ec)) {
    CourseEntry entry{.id = dir.path().filename().string(),
                      .manifest_path = dir.path() / "exercise.json"};
    if (!dir.is_directory() || !fs::exists(entry.manifest_path))
      continue;  // not an exercise directory
    try {
      entry.manifest = load_manifest(entry.manifest_path);
      entry.manifest->hints = load_hints(root, entry.id);
    } catch (const ManifestError& e) {
      entry.error = e.what();
    }
    entry.declared_tests = declared_tests(course.graded_tests_dir(entry.id));
    course.entries_.push_back(std::move(entry));
  }
  std::sort(course.entries_.begin(), course.entries_.end(),
            [](const CourseEntry& a, const CourseEntry& b) { return a.id < b.id; });
  return course;
}

const CourseEntry* find_entry(const std::vector<CourseEntry>& entries, const std::string& name) {
  for (const CourseEntry& entry : entries) {
    if (names_exercise(entry.id, name)) return &entry;
  }
  return nullptr;
}

const Manifest& Course::require(const std::string& name) const {
  const CourseEntry* entry = find(name);
  if (entry == nullptr)
    throw UsageError(fmt::format("no exercise named '{}' (see `grader list`)", name));
  if (!entry->manifest) throw UsageError(entry->error);
  return *entry->manifest;
}

std::vector<CourseEntry> Course::select(const std::vector<std::string>& ids) const {
  if (ids.empty()) return entries_;
  std::vector<CourseEntry> chosen;
  for (const std::string& id : ids) {
    const CourseEntry* entry = find(id);
    if (entry == nullptr)
      throw UsageError(fmt::format("no exercise named '{}' (see `grader list`)", id));
    chosen.push_back(*entry);
  }
  return chosen;
}

void Course::require_solutions(const std::string& command) const {
  if (has_solutions_) return;
  throw UsageError(fmt::format(
      "`grader {}` needs the reference solutions, and '{}' has no solutions/ (a student "
      "release does not ship them)",
      command, root_.string()));
}

fs::path Course::graded_tests_dir(const std::string& id) const {
  if (has_hidden_suites()) return root_ / "grader" / "suites" / id;
  return root_ / "exercises" / id / "tests";
}

std::vector<SuiteVariant> Course::graded_variants(const Manifest& manifest) const {
  if (has_hidden_suites()) return suite_variants(manifest);
  return {
      SuiteVariant{.sanitize = manifest.sanitizers.front(), .target = "visible-" + manifest.id}};
}

std::vector<std::string> Course::undeclared_point_keys(const CourseEntry& entry) {
  std::vector<std::string> keys;
  if (!entry.manifest) return keys;
  for (const auto& [name, points] : entry.manifest->points.by_test) {
    if (std::find(entry.declared_tests.begin(), entry.declared_tests.end(), name) ==
        entry.declared_tests.end())
      keys.push_back(name);
  }
  return keys;
}

int Course::max_score(const CourseEntry& entry) const {
  if (!entry.manifest) return 0;
  return std::accumulate(entry.declared_tests.begin(), entry.declared_tests.end(), 0,
                         [&](int sum, const std::string& test) {
                           return sum + entry.manifest->points.for_test(test);
                         });
}

std::string Course::visible_only_line() const {
  return has_hidden_suites() ? "" : std::string(kVisibleOnlyNotice) + "\n";
}

void Course::note_visible_only(Report& report) const {
  if (has_hidden_suites()) return;
  for (ExerciseReport& e : report.exercises) {
    e.message =
        e.message.empty() ? kVisibleOnlyNotice : std::string(kVisibleOnlyNotice) + "; " + e.message;
  }
}

}  // namespace grader
