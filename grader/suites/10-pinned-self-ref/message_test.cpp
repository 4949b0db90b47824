// Hidden tests for Message: parsing, views into its own buffer, pinning, errors.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "message.hpp"
#include "pin.hpp"
#include "support.hpp"

namespace {

using namespace std::string_view_literals;

/// A message with two headers and a body; long enough that a std::string holding it is on
/// the heap, so a view left pointing into a dead copy is a heap-use-after-free for ASan.
constexpr auto kSample =
    "POST /api/v1/messages/with/a/long/path\n"
    "Host: example.org\n"
    "Content-Type:   text/plain\n"
    "\n"
    "hello, pinned world"sv;

/// Returns: every view `message` hands out.
std::vector<std::string_view> views_of(const mw::Message& message) {
  std::vector<std::string_view> views{message.method(), message.path(), message.body()};
  for (const mw::Header& h : message.headers()) {
    views.push_back(h.name);
    views.push_back(h.value);
  }
  return views;
}

/// Effects: checks that `message` is kSample parsed, field by field.
void expect_sample(const mw::Message& message) {
  EXPECT_EQ(message.method(), "POST");
  EXPECT_EQ(message.path(), "/api/v1/messages/with/a/long/path");
  ASSERT_EQ(message.headers().size(), 2u);
  EXPECT_EQ(message.headers()[0].name, "Host");
  EXPECT_EQ(message.headers()[0].value, "example.org");
  EXPECT_EQ(message.headers()[1].name, "Content-Type");
  EXPECT_EQ(message.headers()[1].value, "text/plain");
  EXPECT_EQ(message.body(), "hello, pinned world");
}

// The request line, the headers (spaces after ':' skipped) and the body are parsed.
TEST(Message, ParsesRequestLineHeadersAndBody) {
  const mw::Message message(kSample);
  expect_sample(message);
  EXPECT_EQ(std::string_view(message.buffer().data(), message.buffer().size()), kSample);
}

// Every view points into the message's own buffer, never into the text it was built from:
// the source string is overwritten and freed first; kills parsing the input (or a temporary
// buffer) and copying the views (dangling: ASan heap-use-after-free).
TEST(Message, ViewsPointIntoItsOwnBuffer) {
  auto source = std::make_unique<std::string>(kSample);
  auto message = mw::make_pinned<mw::Message>(*source);
  source->assign(source->size(), 'X');
  source.reset();
  for (std::string_view view : views_of(*message))
    EXPECT_TRUE(suite::inside(view, message->buffer())) << "view '" << view << "'";
  expect_sample(*message);
}

// A Message is self-referential, so it can be neither copied nor moved (a copy's views would
// point into the original) and is not Unpin; kills a copyable message.
TEST(Message, IsNeitherCopyableNorMovable) {
  EXPECT_FALSE(std::is_copy_constructible_v<mw::Message>);
  EXPECT_FALSE(std::is_copy_assignable_v<mw::Message>);
  EXPECT_FALSE(std::is_move_constructible_v<mw::Message>);
  EXPECT_FALSE(std::is_move_assignable_v<mw::Message>);
  EXPECT_FALSE(mw::Unpin<mw::Message>);
  const mw::Message message(kSample);
  EXPECT_EQ(message.method(), "POST");
}

// Pinned messages in a vector that reallocates keep their addresses and valid views; kills
// any design where a box move moves the message.
TEST(Message, PinnedMessagesSurviveVectorReallocation) {
  std::vector<mw::PinnedBox<mw::Message>> messages;
  std::vector<const mw::Message*> addresses;
  for (int i = 0; i < 40; ++i) {
    const std::string text = "GET /item/" + std::to_string(i) + "\nId: " + std::to_string(i) +
                             "\n\nbody of message number " + std::to_string(i);
    messages.push_back(mw::make_pinned<mw::Message>(text));
    addresses.push_back(messages.back().get());
  }
  for (int i = 0; i < 40; ++i) {
    const mw::Message& message = *messages[i];
    EXPECT_EQ(&message, addresses[i]);
    EXPECT_EQ(message.path(), "/item/" + std::to_string(i));
    EXPECT_EQ(message.header("Id"), std::to_string(i));
    EXPECT_EQ(message.body(), "body of message number " + std::to_string(i));
    for (std::string_view view : views_of(message))
      EXPECT_TRUE(suite::inside(view, message.buffer()));
  }
}

// header() finds the first header with exactly that name (case-sensitive), an empty value
// included, and nullopt for a missing name; kills returning the last match or a prefix match.
TEST(Message, HeaderLookup) {
  const mw::Message message("GET /\nAccept: a\nAccept: b\nEmpty:\nX-Long: 1\n\n"sv);
  EXPECT_EQ(message.header("Accept"), "a");
  EXPECT_EQ(message.header("Empty"), "");
  EXPECT_EQ(message.header("X-Long"), "1");
  EXPECT_EQ(message.header("X"), std::nullopt);
  EXPECT_EQ(message.header("accept"), std::nullopt);
  EXPECT_EQ(message.header("Missing"), std::nullopt);
}

// Only spaces right after ':' are skipped: a tab is the value's first character, trailing
// blanks and '\r' stay, and a space before ':' belongs to the name (README). kills: skipping
// every kind of whitespace after ':', trimming the value's end, trimming the name.
TEST(Message, OnlySpacesAfterTheColonAreSkipped) {
  const mw::Message message("GET /\nTab:\tx\nMixed:  \t y \t\nCr: z\r\nName : v\n\n"sv);
  EXPECT_EQ(message.header("Tab"), "\tx");
  EXPECT_EQ(message.header("Mixed"), "\t y \t");
  EXPECT_EQ(message.header("Cr"), "z\r");
  EXPECT_EQ(message.header("Name "), "v");
  EXPECT_EQ(message.header("Name"), std::nullopt);
  for (const mw::Header& h : message.headers()) {
    EXPECT_TRUE(suite::inside(h.value, message.buffer()));
  }
}

// A message may have no headers and an empty body; kills requiring a header or a body.
TEST(Message, NoHeadersAndEmptyBody) {
  const mw::Message message("DELETE /x y\n\n"sv);
  EXPECT_EQ(message.method(), "DELETE");
  EXPECT_EQ(message.path(), "/x y");
  EXPECT_TRUE(message.headers().empty());
  EXPECT_TRUE(message.body().empty());
}

// The body is everything after the first empty line, verbatim, even what looks like headers
// or more empty lines; kills parsing headers past the first empty line.
TEST(Message, BodyIsEverythingAfterTheFirstEmptyLine) {
  const mw::Message message("PUT /f\nA: 1\n\nB: 2\n\n\ntail"sv);
  ASSERT_EQ(message.headers().size(), 1u);
  EXPECT_EQ(message.body(), "B: 2\n\n\ntail");
}

// Text that does not follow the format throws ParseError; kills accepting a missing empty line,
// a request line without method or path, and a header without a name or a colon.
TEST(Message, RejectsMalformedText) {
  for (std::string_view bad : {"GET /"sv, "GET /\nA: 1\n"sv, "GET/\n\n"sv, " /\n\n"sv, "GET \n\n"sv,
                               "GET /\nNoColon\n\n"sv, "GET /\n: value\n\n"sv, ""sv}) {
    EXPECT_THROW(mw::Message{bad}, mw::ParseError) << "text: '" << bad << "'";
  }
}

// kMaxHeaders headers are accepted and one more is not; kills an off-by-one in the limit (and
// writing past the header array: ASan).
TEST(Message, HeaderLimitIsExact) {
  std::string text = "GET /\n";
  for (std::size_t i = 0; i < mw::Message::kMaxHeaders; ++i)
    text += "H" + std::to_string(i) + ": v\n";
  const mw::Message full(text + "\n");
  EXPECT_EQ(full.headers().size(), mw::Message::kMaxHeaders);
  EXPECT_EQ(full.headers().back().name, "H" + std::to_string(mw::Message::kMaxHeaders - 1));
  EXPECT_THROW(mw::Message{text + "Extra: v\n\n"}, mw::ParseError);
}

// A text of exactly kCapacity bytes fits, one more throws std::length_error; kills an off-by-one
// and copying past the buffer (ASan).
TEST(Message, CapacityIsExact) {
  const std::string head = "GET /\n\n";
  const std::string fits = head + std::string(mw::Message::kCapacity - head.size(), 'b');
  const mw::Message message(fits);
  EXPECT_EQ(message.body().size(), mw::Message::kCapacity - head.size());
  EXPECT_THROW(mw::Message{fits + "b"}, std::length_error);
}

}  // namespace
