#include "util/csv.hpp"

#include <stdexcept>

namespace grader {

std::string csv_field(std::string_view text) {
  std::string field(text);
  if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos)
    field.insert(0, "'");
  const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) return field;
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Ends `record` at a line end: kept unless it is one empty field (an empty line).
void end_record(std::vector<CsvRecord>& records, CsvRecord& record, std::string& field) {
  record.push_back(std::move(field));
  field.clear();
  if (record.size() > 1 || !record.front().empty()) records.push_back(std::move(record));
  record.clear();
}

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    text.remove_prefix(kByteOrderMark.size());
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  bool quoted = false;
  std::size_t line = 1;
  std::size_t quote_line = 0;  // where the open quote started, for the error
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
      quote_line = line;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      end_record(records, record, field);
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted)
    throw std::invalid_argument("line " + std::to_string(quote_line) + ": a quote is never closed");
  if (!field.empty() || !record.empty()) end_record(records, record, field);
  return records;
}

}  // namespace grader
