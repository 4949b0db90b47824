// Visible tests for 10-pinned-self-ref: a few examples of what the hidden suite expects
// (it has many more: in-place construction, reallocating vectors of boxes, views after the
// source text is gone, partial reads, pin projection, and what must not compile).
// Run them with `build/main/bin/grader test 10`.
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

#include "machine.hpp"
#include "message.hpp"
#include "pin.hpp"

namespace {

// Moving a PinnedBox moves the pointer: the value stays at its address.
TEST(Visible, MovingTheBoxKeepsTheAddress) {
  auto box = mw::make_pinned<std::string>("pinned");
  const std::string* address = box.get();
  auto moved = std::move(box);
  EXPECT_EQ(moved.get(), address);
  EXPECT_EQ(*moved, "pinned");
}

// A Message's views point into its own buffer, whatever happens to the text it came from.
TEST(Visible, MessageViewsIntoItsOwnBuffer) {
  std::string text = "GET /index.html\nHost: example.org\n\nhi";
  auto message = mw::make_pinned<mw::Message>(text);
  text.assign(text.size(), '?');
  EXPECT_EQ(message->path(), "/index.html");
  EXPECT_EQ(message->header("Host"), "example.org");
  EXPECT_EQ(message->body(), "hi");
}

// A RecordReader is Pending until its record has arrived, and is polled through a Pin.
TEST(Visible, ReaderWaitsForItsBytes) {
  mw::Inbox inbox;
  auto reader = mw::make_pinned<mw::RecordReader>();
  inbox.push(
      "\x03"
      "ab");
  EXPECT_EQ(mw::RecordReader::poll(reader.as_pin(), inbox), std::nullopt);
  inbox.push("c");
  EXPECT_EQ(mw::RecordReader::poll(reader.as_pin(), inbox), "abc");
}

// Pinned types can be neither copied nor moved.
TEST(Visible, PinnedTypesDoNotMove) {
  static_assert(!std::is_move_constructible_v<mw::Message>);
  static_assert(!std::is_move_constructible_v<mw::RecordReader>);
  static_assert(!std::is_copy_constructible_v<mw::PinnedBox<int>>);
  EXPECT_FALSE(mw::Unpin<mw::RecordReader>);
}

}  // namespace
