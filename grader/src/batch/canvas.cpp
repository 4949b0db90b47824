#include "batch/canvas.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "util/csv.hpp"
#include "util/errors.hpp"

namespace grader {
namespace {

// The identity columns of a Canvas gradebook, in its order.
constexpr std::array<std::string_view, 5> kIdentityColumns = {"Student", "ID", "SIS User ID",
                                                              "SIS Login ID", "Section"};

// The position of each identity column in `header`, header.size() for one it lacks.
std::array<std::size_t, kIdentityColumns.size()> column_positions(const CsvRecord& header) {
  std::array<std::size_t, kIdentityColumns.size()> positions{};
  for (std::size_t c = 0; c < kIdentityColumns.size(); ++c) {
    const auto it = std::find(header.begin(), header.end(), kIdentityColumns[c]);
    positions[c] = static_cast<std::size_t>(it - header.begin());
  }
  return positions;
}

std::string cell(const CsvRecord& record, std::size_t position) {
  return position < record.size() ? record[position] : "";
}

}  // namespace

std::vector<CanvasStudent> parse_canvas_roster(const std::string& text, const std::string& origin) {
  std::vector<CsvRecord> records;
  try {
    records = parse_csv(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("{}: {}", origin, e.what()));
  }
  const CsvRecord header = records.empty() ? CsvRecord{} : records.front();
  const auto at = column_positions(header);
  if (at[0] == header.size() || at[1] == header.size())
    throw UsageError(fmt::format(
        "{}: not a Canvas gradebook export (no Student or ID column in its first line)", origin));
  std::vector<CanvasStudent> roster;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& r = records[i];
    if (cell(r, at[1]).empty()) continue;  // "Points Possible" and other rows of no student
    roster.push_back({.name = cell(r, at[0]),
                      .id = cell(r, at[1]),
                      .sis_user_id = cell(r, at[2]),
                      .sis_login_id = cell(r, at[3]),
                      .section = cell(r, at[4])});
  }
  return roster;
}

CanvasStudent canvas_student(const std::vector<CanvasStudent>& roster, const std::string& student,
                             bool& found) {
  for (std::string CanvasStudent::*key :
       {&CanvasStudent::sis_login_id, &CanvasStudent::sis_user_id, &CanvasStudent::id}) {
    const auto it = std::find_if(roster.begin(), roster.end(),
                                 [&](const CanvasStudent& s) { return s.*key == student; });
    if (it != roster.end()) {
      found = true;
      return *it;
    }
  }
  found = false;
  return {.name = student, .sis_login_id = student};
}

std::string render_canvas(const ClassSummary& summary, const std::vector<Lateness>& lateness,
                          const std::vector<CanvasStudent>& roster, const std::string& assignment) {
  std::string csv;
  for (const std::string_view column : kIdentityColumns) csv += csv_field(column) + ",";
  csv += csv_field(assignment) + "\r\n";
  for (std::size_t i = 0; i < summary.students.size(); ++i) {
    const StudentResult& student = summary.students[i];
    bool found = false;
    const CanvasStudent who = canvas_student(roster, student.student, found);
    std::string score;
    if (student.report) {
      const int raw = student.report->score();
      score = points_text(lateness.empty() ? raw : raw - penalty_points(raw, lateness[i]));
    }
    csv += fmt::format("{},{},{},{},{},{}\r\n", csv_field(who.name), csv_field(who.id),
                       csv_field(who.sis_user_id), csv_field(who.sis_login_id),
                       csv_field(who.section), score);
  }
  return csv;
}

}  // namespace grader
