#include "batch/class_files.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "batch/class_json.hpp"
#include "batch/gradebook.hpp"
#include "batch/similarity.hpp"
#include "batch/student_store.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// In students/ (hidden from every sandbox as a whole, unlike a new file at OUT's top), and
// named with a '.', which no student's name starts with.
fs::path roster_file(const fs::path& out) {
  return out / "students" / ".roster.json";
}

// How many missing students an error names before it says "and N more".
constexpr std::size_t kNamedMissing = 5;

std::string missing_students(const std::vector<std::string>& missing) {
  std::string names;
  for (std::size_t i = 0; i < missing.size() && i < kNamedMissing; ++i)
    names += (i == 0 ? "" : ", ") + missing[i];
  if (missing.size() > kNamedMissing)
    names += fmt::format(" and {} more", missing.size() - kNamedMissing);
  return fmt::format(
      "{} of the class have no result yet ({}): run the shards that grade them (or the "
      "batch again), then merge",
      missing.size(), names);
}

}  // namespace

void write_roster(const fs::path& out, const std::vector<std::string>& students) {
  std::vector<std::string> sorted = students;
  std::sort(sorted.begin(), sorted.end());
  fs::create_directories(roster_file(out).parent_path());
  write_atomically(roster_file(out), dump_json({{"students", sorted}}));
}

bool holds_class(const fs::path& out) {
  return fs::exists(roster_file(out));
}

std::vector<std::string> read_roster(const fs::path& out) {
  const std::optional<std::string> text = read_file(roster_file(out));
  if (!text)
    throw UsageError(
        fmt::format("'{}' holds no batch results (no students/.roster.json)", out.string()));
  try {
    return nlohmann::json::parse(*text).at("students").get<std::vector<std::string>>();
  } catch (const std::exception&) {
    throw UsageError(
        fmt::format("'{}' is damaged: run the batch again", roster_file(out).string()));
  }
}

ClassMerge merge_class(const fs::path& out) {
  std::vector<StudentResult> results;
  std::vector<std::string> missing;
  std::map<std::string, std::string> notes_by_student;
  for (const std::string& student : read_roster(out)) {
    std::optional<StoredResult> stored = stored_result(out / "students" / student, student);
    if (!stored) {
      missing.push_back(student);
      continue;
    }
    if (stored->result.report && stored->learner_files == 0)
      notes_by_student[student] = "no learner files found: graded as the stubs";
    results.push_back(std::move(stored->result));
  }
  if (!missing.empty()) throw UsageError(missing_students(missing));
  ClassMerge merge{.summary = summarize_class(std::move(results))};
  merge.summary.similarity = stored_similarity(out);
  for (const StudentResult& s : merge.summary.students)
    merge.notes.push_back(notes_by_student[s.student]);
  return merge;
}

void write_class_files(const fs::path& out, const ClassMerge& merge) {
  write_atomically(out / "gradebook.csv", render_gradebook(merge.summary, merge.notes));
  write_atomically(out / "summary.json", dump_json(class_to_json(merge.summary)));
  write_atomically(out / "summary.md", render_class_markdown(merge.summary));
  write_atomically(out / "summary.html", render_class_html(merge.summary));
}

std::string class_summary_text(const fs::path& out, const ClassSummary& summary) {
  const auto graded = summary.percents.size();
  return fmt::format(
      "class: {} graded, {} refused; mean {:.1f}%, median {:.1f}%\n"
      "gradebook: {}\nsummary:   {} (also summary.md, summary.json)\nreports:   {}/<student>/\n",
      graded, summary.students.size() - graded, mean(summary.percents), median(summary.percents),
      (out / "gradebook.csv").string(), (out / "summary.html").string(),
      (out / "students").string());
}

}  // namespace grader
