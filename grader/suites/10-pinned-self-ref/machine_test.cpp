// Hidden tests for RecordReader: polling, the pointer into its own buffer, pinning, and —
// through concepts — that an unpinned reader cannot be polled.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "machine.hpp"
#include "pin.hpp"
#include "support.hpp"

namespace {

using mw::RecordReader;
using State = mw::RecordReader::State;
using namespace std::string_view_literals;

/// Returns: `payload` as a record on the wire: its length as one byte, then the bytes.
std::string record(std::string_view payload) {
  return static_cast<char>(payload.size()) + std::string(payload);
}

/// Returns: a payload of `n` bytes, all different from their neighbours.
std::string payload_of(std::size_t n, char first = 'a') {
  std::string payload(n, ' ');
  for (std::size_t i = 0; i < n; ++i) payload[i] = static_cast<char>(first + i % 26);
  return payload;
}

/// Effects: polls `box`'s reader once. Returns: what poll returned.
std::optional<std::string_view> poll(mw::PinnedBox<RecordReader>& box, mw::Inbox& inbox) {
  return RecordReader::poll(box.as_pin(), inbox);
}

// A reader whose whole record is waiting completes on its first poll and reads no byte past
// the record; kills returning Pending with the bytes there, and draining the inbox.
TEST(Machine, ReadyOnFirstPollWhenTheRecordIsThere) {
  mw::Inbox inbox;
  inbox.push(record("hello") + "next");
  auto reader = mw::make_pinned<RecordReader>();
  EXPECT_EQ(poll(reader, inbox), "hello");
  EXPECT_EQ(reader->state(), State::Done);
  EXPECT_EQ(inbox.available(), 4u);
}

// The reader is Pending until the last byte arrives, one byte at a time, through states Start,
// Length and Body; kills completing early, losing partial reads and a wrong state.
TEST(Machine, PendingUntilEveryByteArrives) {
  mw::Inbox inbox;
  auto reader = mw::make_pinned<RecordReader>();
  EXPECT_EQ(reader->state(), State::Start);
  EXPECT_EQ(poll(reader, inbox), std::nullopt);
  EXPECT_EQ(reader->state(), State::Length);
  const std::string wire = record("byte by byte");
  inbox.push(wire.substr(0, 1));
  EXPECT_EQ(poll(reader, inbox), std::nullopt);
  EXPECT_EQ(reader->state(), State::Body);
  EXPECT_EQ(reader->pending().size(), 12u);
  for (std::size_t i = 1; i + 1 < wire.size(); ++i) {
    inbox.push(wire.substr(i, 1));
    EXPECT_EQ(poll(reader, inbox), std::nullopt) << "after byte " << i;
    EXPECT_EQ(reader->pending().size(), wire.size() - 1 - i);
  }
  inbox.push(wire.substr(wire.size() - 1));
  EXPECT_EQ(poll(reader, inbox), "byte by byte");
}

// While waiting, the cursor points into the reader's own buffer, right after the bytes already
// received, and the record returned is a view of that buffer; kills a cursor into a local or
// moved-from buffer, and returning a view of anything else.
TEST(Machine, CursorPointsIntoItsOwnBuffer) {
  mw::Inbox inbox;
  auto reader = mw::make_pinned<RecordReader>();
  const std::string wire = record(payload_of(40));
  inbox.push(wire.substr(0, 11));
  EXPECT_EQ(poll(reader, inbox), std::nullopt);
  const auto storage = reader->storage();
  EXPECT_EQ(reader->pending().data(), storage.data() + 10);
  EXPECT_EQ(reader->pending().size(), 30u);
  inbox.push(wire.substr(11));
  const auto result = poll(reader, inbox);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->data(), storage.data());
  EXPECT_EQ(*result, payload_of(40));
}

// Readers polled half-way, whose boxes are then moved by a reallocating vector and into
// another vector, finish correctly with views into their own buffers; kills any move of the
// reader itself (its cursor would point into the old object).
TEST(Machine, PinnedReadersSurviveBoxMovesAndReallocation) {
  constexpr int kReaders = 24;
  std::vector<mw::PinnedBox<RecordReader>> readers;
  std::vector<mw::Inbox> inboxes(kReaders);
  std::vector<std::string> wires;
  for (int i = 0; i < kReaders; ++i) {
    wires.push_back(record(payload_of(20 + i, static_cast<char>('a' + i))));
    readers.push_back(mw::make_pinned<RecordReader>());
    inboxes[i].push(wires[i].substr(0, 1 + i / 2));
    EXPECT_EQ(poll(readers.back(), inboxes[i]), std::nullopt);
  }
  std::vector<mw::PinnedBox<RecordReader>> moved;
  for (auto& box : readers) moved.push_back(std::move(box));
  for (int i = 0; i < kReaders; ++i) {
    inboxes[i].push(wires[i].substr(1 + i / 2));
    const auto result = poll(moved[i], inboxes[i]);
    ASSERT_TRUE(result) << "reader " << i;
    EXPECT_EQ(*result, payload_of(20 + i, static_cast<char>('a' + i)));
    EXPECT_TRUE(suite::inside(*result, moved[i]->storage()));
  }
}

// A length byte above 127 is a length, not a negative number; kills reading it as a signed char.
TEST(Machine, LengthByteIsUnsigned) {
  mw::Inbox inbox;
  auto reader = mw::make_pinned<RecordReader>();
  const std::string wire = record(payload_of(255));
  std::optional<std::string_view> result;
  for (std::size_t at = 0; at < wire.size() && !result; at += 7) {
    inbox.push(wire.substr(at, 7));
    result = poll(reader, inbox);
  }
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, payload_of(255));
}

// A zero-length record completes as soon as its length byte arrives, with an empty view; kills
// waiting for a body byte that never comes.
TEST(Machine, EmptyRecordIsReadyAtOnce) {
  mw::Inbox inbox;
  inbox.push(record(""));
  auto reader = mw::make_pinned<RecordReader>();
  const auto result = poll(reader, inbox);
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->empty());
  EXPECT_EQ(reader->state(), State::Done);
}

// Polling a finished reader throws PolledAfterCompletion and reads nothing; kills starting a
// second record over the first (whose view the caller still holds).
TEST(Machine, PollAfterCompletionThrows) {
  mw::Inbox inbox;
  inbox.push(record("once") + record("twice"));
  auto reader = mw::make_pinned<RecordReader>();
  const auto first = poll(reader, inbox);
  EXPECT_EQ(first, "once");
  EXPECT_THROW(poll(reader, inbox), mw::PolledAfterCompletion);
  EXPECT_EQ(first, "once");
  EXPECT_EQ(inbox.available(), 6u);
}

// poll accepts a Pin<RecordReader> and nothing unpinned: not a RecordReader&, not a member call,
// not a Pin made from a plain reference; kills poll callable on an unpinned machine.
TEST(Machine, CannotBePolledUnlessPinned) {
  EXPECT_TRUE(suite::PollableWith<mw::Pin<RecordReader>>);
  EXPECT_FALSE(suite::PollableWith<RecordReader&>);
  EXPECT_FALSE(suite::PollableWith<RecordReader*>);
  EXPECT_FALSE(suite::HasMemberPoll<RecordReader>);
  EXPECT_FALSE(suite::PinnableFromReference<RecordReader>);
  EXPECT_FALSE(mw::Unpin<RecordReader>);
  mw::Inbox inbox;
  inbox.push(record("pinned"));
  auto reader = mw::make_pinned<RecordReader>();
  EXPECT_EQ(poll(reader, inbox), "pinned");
}

// A reader inside a pinned struct is polled through pin projection while the struct's
// unpinned counter is changed through a plain reference; kills a projection that does not
// reach the real field.
TEST(Machine, PolledThroughAPinProjection) {
  auto box = mw::make_pinned<suite::Session>();
  auto session = box.as_pin();
  mw::Inbox inbox;
  const std::string wire = record("projected");
  std::optional<std::string_view> result;
  for (char byte : wire) {
    inbox.push(std::string_view(&byte, 1));
    ++session.project(&suite::Session::polls);
    result = suite::poll_projected(session.project(&suite::Session::reader), inbox);
  }
  ASSERT_EQ(result, "projected");
  EXPECT_EQ(box->polls, static_cast<int>(wire.size()));
  EXPECT_EQ(box->reader.state(), State::Done);
  EXPECT_TRUE(suite::inside(*result, box->reader.storage()));
}

}  // namespace
