// util/csv.hpp — CSV as RFC 4180 has it, both ways: the gradebooks the grader writes and the
// files an instructor hands it (submission times, a Canvas gradebook export).
//
// Hand-written: a CSV field and a CSV reader are a few lines each, and Debian ships no C++
// CSV library that would save them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// Returns: `text` as one RFC 4180 CSV field: quoted (with '"' doubled) when it holds a
/// comma, a quote, CR or LF, or leading or trailing spaces; a text that a spreadsheet
/// would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with "'".
std::string csv_field(std::string_view text);

/// One CSV record: its fields, unquoted.
using CsvRecord = std::vector<std::string>;

/// Returns: the records of `text`: fields split on commas, a quoted field may hold commas,
/// line ends and "" for a quote; CRLF or LF ends a record; a leading UTF-8 byte order mark
/// (as spreadsheets write) is dropped, and so are empty lines.
/// Throws: std::invalid_argument naming the line of a quote that is never closed.
std::vector<CsvRecord> parse_csv(std::string_view text);

}  // namespace grader
