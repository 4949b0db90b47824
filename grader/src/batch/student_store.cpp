#include "batch/student_store.hpp"

#include <nlohmann/json.hpp>

#include "model/report_json.hpp"
#include "report/formats.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRecordFile = "batch.json";
constexpr const char* kRefusalFile = "refused.json";

constexpr ReportFormat kStoredFormats[] = {
    ReportFormat::text,     ReportFormat::json,     ReportFormat::junit, ReportFormat::gradescope,
    ReportFormat::exercism, ReportFormat::markdown, ReportFormat::html};

}  // namespace

std::optional<Report> reusable_report(const fs::path& dir, const StudentRecord& expected,
                                      StudentRecord& found) {
  const std::optional<std::string> record = read_file(dir / kRecordFile);
  const std::optional<std::string> report = read_file(dir / file_name(ReportFormat::json));
  if (!record || !report) return std::nullopt;
  try {
    const nlohmann::json r = nlohmann::json::parse(*record);
    found.submission_hash = r.at("submission_sha256").get<std::string>();
    found.course_key = r.at("course_key").get<std::string>();
    found.learner_files = r.at("learner_files").get<std::size_t>();
    found.seconds = r.at("seconds").get<double>();
    if (found.submission_hash != expected.submission_hash ||
        found.course_key != expected.course_key)
      return std::nullopt;
    return report_from_json(nlohmann::json::parse(*report));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void store_student(const fs::path& dir, const Report& report, const StudentRecord& record) {
  fs::create_directories(dir);
  fs::remove(dir / kRecordFile);
  fs::remove(dir / kRefusalFile);
  for (const ReportFormat format : kStoredFormats)
    write_atomically(dir / file_name(format), render_report(report, format));
  write_atomically(dir / kRecordFile, dump_json({{"submission_sha256", record.submission_hash},
                                                 {"course_key", record.course_key},
                                                 {"learner_files", record.learner_files},
                                                 {"seconds", record.seconds}}));
}

void store_refusal(const fs::path& dir, const std::string& reason) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_atomically(dir / kRefusalFile, dump_json({{"refused", reason}}));
}

std::optional<StoredResult> stored_result(const fs::path& dir, const std::string& student) {
  StoredResult stored{.result = {.student = student}};
  try {
    if (const std::optional<std::string> refusal = read_file(dir / kRefusalFile)) {
      stored.result.refused = nlohmann::json::parse(*refusal).at("refused").get<std::string>();
      return stored;
    }
    const std::optional<std::string> record = read_file(dir / kRecordFile);
    const std::optional<std::string> report = read_file(dir / file_name(ReportFormat::json));
    if (!record || !report) return std::nullopt;
    stored.learner_files = nlohmann::json::parse(*record).at("learner_files").get<std::size_t>();
    stored.result.report = report_from_json(nlohmann::json::parse(*report));
    return stored;
  } catch (const std::exception&) {
    return std::nullopt;  // damaged: the student is graded again by the next run
  }
}

}  // namespace grader
