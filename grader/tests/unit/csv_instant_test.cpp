// util/csv.hpp's reader and util/timestamp.hpp: what an instructor's files may hold.
#include <gtest/gtest.h>

#include <stdexcept>

#include "util/csv.hpp"
#include "util/timestamp.hpp"

namespace grader {
namespace {

TEST(ParseCsv, QuotedFieldsLineEndsAndAByteOrderMark) {
  const std::vector<CsvRecord> records = parse_csv(
      "\xEF\xBB\xBFStudent,ID\r\n\"Doe, Jane\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0], (CsvRecord{"Student", "ID"}));
  EXPECT_EQ(records[1], (CsvRecord{"Doe, Jane", "say \"hi\""}));
  EXPECT_EQ(records[2], (CsvRecord{"two\nlines", ""}));
}

TEST(ParseCsv, WhatCsvFieldWritesReadsBack) {
  for (const std::string text : {"alice", "Smith, Jo", "say \"hi\"", " padded", "two\nlines"})
    EXPECT_EQ(parse_csv(csv_field(text) + "\r\n").at(0).at(0), text);
}

TEST(ParseCsv, AnUnclosedQuoteNamesItsLine) {
  try {
    parse_csv("a,b\nc,\"d\n");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "line 2: a quote is never closed");
  }
}

TEST(ParseInstant, OffsetsAndZuluNameTheSameInstant) {
  const std::optional<Instant> zulu = parse_instant("2026-03-14T22:59:00Z");
  ASSERT_TRUE(zulu);
  EXPECT_EQ(parse_instant("2026-03-14T23:59:00+01:00"), zulu);
  EXPECT_EQ(parse_instant(" 2026-03-14 17:59-05:00 "), zulu);
  EXPECT_EQ(format_instant(*zulu), "2026-03-14T22:59:00Z");
}

TEST(ParseInstant, ATimeWithoutOffsetOrOutOfRangeIsRefused) {
  for (const char* text : {"2026-03-14T23:59:00", "2026-02-30T10:00Z", "2026-03-14T24:00Z",
                           "2026-03-14", "14/03/2026 10:00Z", "2026-03-14T10:00+1:00", ""})
    EXPECT_FALSE(parse_instant(text)) << text;
}

}  // namespace
}  // namespace grader
