#include "batch/class_files.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "batch/class_json.hpp"
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

void write_roster(const fs::path& out, const std::vector<std::string>& students,
                  const std::map<std::string, Instant>& modified) {
  std::vector<std::string> sorted = students;
  std::sort(sorted.begin(), sorted.end());
  nlohmann::json times = nlohmann::json::object();
  for (const auto& [student, at] : modified) times[student] = format_instant(at);
  fs::create_directories(roster_file(out).parent_path());
  write_atomically(roster_file(out), dump_json({{"students", sorted}, {"modified", times}}));
}

bool holds_class(const fs::path& out) {
  return fs::exists(roster_file(out));
}

Roster read_roster(const fs::path& out) {
  const std::optional<std::string> text = read_file(roster_file(out));
  if (!text)
    throw UsageError(
        fmt::format("'{}' holds no batch results (no students/.roster.json)", out.string()));
  try {
    const nlohmann::json roster = nlohmann::json::parse(*text);
    Roster read{.students = roster.at("students").get<std::vector<std::string>>()};
    const nlohmann::json modified = roster.value("modified", nlohmann::json::object());
    for (const auto& [student, at] : modified.items()) {
      const std::optional<Instant> instant = parse_instant(at.get<std::string>());
      if (!instant) throw std::invalid_argument("not a time: " + student);
      read.modified[student] = *instant;
    }
    return read;
  } catch (const std::exception&) {
    throw UsageError(
        fmt::format("'{}' is damaged: run the batch again", roster_file(out).string()));
  }
}

namespace {

// Effects: sets each student's lateness under OUT's policy, when it has one, and notes where a
// submission time did not come from the CSV that was given.
void apply_policy(const fs::path& out, const Roster& roster, ClassMerge& merge) {
  merge.policy = read_class_policy(out);
  if (!merge.policy) return;
  for (std::size_t i = 0; i < merge.summary.students.size(); ++i) {
    const std::string& student = merge.summary.students[i].student;
    std::optional<Instant> submitted;
    const auto listed = merge.policy->csv_times.find(student);
    const auto modified = roster.modified.find(student);
    if (listed != merge.policy->csv_times.end()) {
      submitted = listed->second;
    } else if (modified != roster.modified.end()) {
      submitted = modified->second;
    }
    merge.lateness.push_back(lateness_of(merge.policy->policy, student, submitted));
    merge.lateness.back().file_time = listed == merge.policy->csv_times.end() && submitted;
    std::string note;
    if (!submitted) {
      note = "submission time unknown: nothing deducted";
    } else if (merge.policy->has_csv && merge.lateness.back().file_time) {
      note = "not in submitted-at.csv: submitted_at is the entry's modification time";
    }
    std::string& notes = merge.notes[i];
    if (!note.empty()) notes += notes.empty() ? note : "; " + note;
  }
}

// The lines about canvas.csv: where it is, and who Canvas may not find.
std::string canvas_text(const fs::path& out, const ClassSummary& summary,
                        const ClassOutput& output) {
  std::string text =
      fmt::format("canvas:    {} (assignment column '{}')\n",
                  (out / class_file_name(ClassFormat::canvas)).string(), output.canvas_assignment);
  if (output.canvas_roster.empty())
    return text + "canvas: no --canvas-roster: each row names the student by SIS Login ID\n";
  std::vector<std::string> missing;
  for (const StudentResult& s : summary.students) {
    bool found = false;
    canvas_student(output.canvas_roster, s.student, found);
    if (!found) missing.push_back(s.student);
  }
  if (missing.empty()) return text;
  return text + fmt::format(
                    "canvas: {} not in the Canvas roster ({}): their rows name them by SIS Login "
                    "ID only\n",
                    missing.size(), fmt::join(missing, ", "));
}

}  // namespace

ClassMerge merge_class(const fs::path& out) {
  std::vector<StudentResult> results;
  std::vector<std::string> missing;
  std::map<std::string, std::string> notes_by_student;
  const Roster roster = read_roster(out);
  for (const std::string& student : roster.students) {
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
  apply_policy(out, roster, merge);
  return merge;
}

std::string write_class_files(const fs::path& out, const ClassMerge& merge,
                              const ClassOutput& output) {
  std::string text;
  for (const ClassFormat format : output.formats) {
    write_atomically(out / class_file_name(format), render_class_file(format, merge, output));
    if (format == ClassFormat::canvas) text += canvas_text(out, merge.summary, output);
  }
  if (merge.policy) {
    const auto late = std::count_if(merge.lateness.begin(), merge.lateness.end(),
                                    [](const Lateness& l) { return l.days_late > 0; });
    text = fmt::format("late policy: {} applied, {} of {} students late\n",
                       (out / "policy.json").string(), late, merge.lateness.size()) +
           text;
  }
  return text;
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
