// Hidden tests: parsing traces (mw::bench::parse_trace).
#include <gtest/gtest.h>

#include <string>

#include "fakes.hpp"
#include "trace.hpp"

namespace {

using fakes::trace_of;
using mw::bench::OpKind;
using mw::bench::TraceError;

/// The line parse_trace reports for `text`, or 0 when it (wrongly) accepts it.
std::size_t error_line(const std::string& text) {
  try {
    trace_of(text);
  } catch (const TraceError& error) {
    return error.line();
  }
  return 0;
}

// Reads all three ops with their sizes, the size a block had before r/f, line numbers that
// count comments and blank lines, and dense slots in order of first appearance.
TEST(Parse, ReadsOpsSizesLinesAndSlots) {
  const auto trace = trace_of("# a comment\n\na 70 64\na 5 24\n  r 70 128\nf 5\nf 70\n");
  ASSERT_EQ(trace.ops.size(), 5u);
  EXPECT_EQ(trace.slot_count, 2u);
  const auto& realloc = trace.ops[2];
  EXPECT_EQ(realloc.kind, OpKind::reallocate);
  EXPECT_EQ(realloc.id, 70u);
  EXPECT_EQ(realloc.slot, 0u);
  EXPECT_EQ(realloc.size, 128u);
  EXPECT_EQ(realloc.old_size, 64u);
  EXPECT_EQ(realloc.line, 5u);
  EXPECT_EQ(trace.ops[1].slot, 1u);
  EXPECT_EQ(trace.ops[3].kind, OpKind::free);
  EXPECT_EQ(trace.ops[3].old_size, 24u);
  EXPECT_EQ(trace.ops[4].old_size, 128u);
  EXPECT_EQ(trace.ops[4].line, 7u);
}

// A freed id may be allocated again, and keeps its slot.
TEST(Parse, IdMayBeReusedAfterFree) {
  const auto trace = trace_of("a 3 10\nf 3\na 3 20\nf 3\n");
  ASSERT_EQ(trace.ops.size(), 4u);
  EXPECT_EQ(trace.slot_count, 1u);
  EXPECT_EQ(trace.ops[3].old_size, 20u);
}

// The optional header is accepted when it matches and rejected when the op count or an id
// does not (kills a parser that skips the header line without checking it).
TEST(Parse, HeaderCountsAreChecked) {
  EXPECT_EQ(trace_of("2 3\na 0 8\na 1 8\nf 0\n").ops.size(), 3u);
  EXPECT_NE(error_line("2 4\na 0 8\na 1 8\nf 0\n"), 0u);
  EXPECT_EQ(error_line("2 2\na 0 8\na 2 8\n"), 3u);
  EXPECT_EQ(error_line("2\na 0 8\n"), 2u);  // one number opens malloc-lab's header, cut short
}

// CS:APP malloc-lab's format: four header lines (heap size, id count, op count, weight), ops
// from line 5, the heap size and weight kept (kills a parser that knows only our header).
TEST(MallocLab, ReadsTheFourHeaderLines) {
  const auto trace = trace_of("20000\n2\n4\n1\na 0 2040\na 1 4010\nr 0 4097\nf 1\n");
  ASSERT_EQ(trace.ops.size(), 4u);
  ASSERT_TRUE(trace.lab_header.has_value());
  EXPECT_EQ(trace.lab_header->suggested_heap_size, 20000u);
  EXPECT_EQ(trace.lab_header->id_count, 2u);
  EXPECT_EQ(trace.lab_header->op_count, 4u);
  EXPECT_EQ(trace.lab_header->weight, 1u);
  EXPECT_EQ(trace.ops[0].line, 5u);
  EXPECT_EQ(trace.ops[2].old_size, 2040u);
}

// The op count must be the number of requests (kills a parser that reads the four lines
// but checks none of them).
TEST(MallocLab, ChecksTheOpCount) {
  EXPECT_NE(error_line("100\n1\n3\n1\na 0 8\nf 0\n"), 0u);
  EXPECT_NE(error_line("100\n1\n1\n1\na 0 8\nf 0\n"), 0u);
}

// Every id is below the id count, reported on its line, and the largest is exactly
// id count - 1, as mdriver.c asserts (kills a parser that checks only the op count, that
// checks the ids only at the end, or that accepts an id count larger than needed).
TEST(MallocLab, ChecksTheIdCount) {
  EXPECT_EQ(error_line("100\n1\n3\n1\na 0 8\na 1 8\nf 1\n"), 6u);  // on its line, not at the end
  EXPECT_NE(error_line("100\n3\n2\n1\na 0 8\nf 0\n"), 0u);
}

// A trace whose only id is 0 (reallocated and freed) has id count 1, and a trace with no
// request has id count 0 (kills taking a largest id of 0 to mean "no id seen").
TEST(MallocLab, IdCountOfATraceUsingOnlyIdZeroIsOne) {
  const auto trace = trace_of("100\n1\n3\n1\na 0 8\nr 0 16\nf 0\n");
  ASSERT_EQ(trace.ops.size(), 3u);
  EXPECT_EQ(trace.slot_count, 1u);
  EXPECT_EQ(trace.ops[2].old_size, 16u);
  EXPECT_EQ(trace_of("100\n0\n0\n1\n").ops.size(), 0u);
  EXPECT_NE(error_line("100\n2\n3\n1\na 0 8\nr 0 16\nf 0\n"), 0u);
}

// A header line holds one number: a second number, a word or an op inside the four lines
// is rejected with its line (kills a parser that counts any four lines as the header).
TEST(MallocLab, RejectsAMalformedHeaderWithItsLine) {
  EXPECT_EQ(error_line("100\n1 1\n2\n1\na 0 8\nf 0\n"), 2u);
  EXPECT_EQ(error_line("100\n1\nmany\n1\na 0 8\nf 0\n"), 3u);
  EXPECT_EQ(error_line("100\n1\n2\na 0 8\nf 0\n"), 4u);
  EXPECT_NE(error_line("100\n1\n"), 0u);
}

// An unknown op letter, or a number where an op belongs, is rejected with its line.
TEST(Parse, RejectsUnknownOpWithItsLine) {
  EXPECT_EQ(error_line("a 0 8\n\nx 0 8\n"), 3u);
  EXPECT_EQ(error_line("a 0 8\nalloc 1 8\n"), 2u);
  EXPECT_EQ(error_line("a 0 8\n4 4\n"), 2u);  // a header is only allowed first
}

// A line with a missing or an extra field is rejected with its line.
TEST(Parse, RejectsWrongFieldCount) {
  EXPECT_EQ(error_line("a 0\n"), 1u);
  EXPECT_EQ(error_line("a 0 8 9\n"), 1u);
  EXPECT_EQ(error_line("a 0 8\nf 0 8\n"), 2u);
  EXPECT_EQ(error_line("a 0 8\nr 0\n"), 2u);
  EXPECT_EQ(error_line("a\n"), 1u);
}

// Garbage numbers are rejected: trailing letters, signs, non-digits, size 0, 64-bit overflow
// (kills a parser built on strtoul/atoi or a stream >> that stops at the first bad char).
TEST(Parse, RejectsGarbageNumbers) {
  EXPECT_EQ(error_line("a 0 10x\n"), 1u);
  EXPECT_EQ(error_line("a -1 10\n"), 1u);
  EXPECT_EQ(error_line("a 0 -10\n"), 1u);
  EXPECT_EQ(error_line("a one 10\n"), 1u);
  EXPECT_EQ(error_line("a 0 0\n"), 1u);
  EXPECT_EQ(error_line("a 0 99999999999999999999999\n"), 1u);
  EXPECT_EQ(error_line("a 0 8\nf 0x0\n"), 2u);
}

// Freeing or reallocating an id that is not live (never allocated, or already freed) is
// rejected with its line.
TEST(Parse, RejectsFreeOfUnknownId) {
  EXPECT_EQ(error_line("a 0 8\nf 7\n"), 2u);
  EXPECT_EQ(error_line("a 0 8\nr 7 16\n"), 2u);
  EXPECT_EQ(error_line("a 0 8\nf 0\nf 0\n"), 3u);
  EXPECT_EQ(error_line("a 0 8\nf 0\nr 0 4\n"), 3u);
}

// Allocating an id that is still live is rejected with its line.
TEST(Parse, RejectsDoubleAllocationOfLiveId) {
  EXPECT_EQ(error_line("a 0 8\na 1 8\na 0 16\n"), 3u);
  EXPECT_EQ(error_line("a 0 8\nr 0 16\na 0 16\n"), 3u);
}

}  // namespace
