// message.hpp — a parsed message that owns its bytes and holds views into them.
//
// The text is copied into an inline buffer, then parsed into string_views that point
// into that buffer: into the Message object itself. That makes a Message
// self-referential. A copy or a move would copy the views too, still aimed at the
// old object's buffer, so a Message is neither copyable nor movable (an Unmovable
// member); build it where it will live, e.g. `mw::make_pinned<mw::Message>(text)`.
//
// The format, lines ended by '\n':
//
//   METHOD SP PATH            request line: METHOD has no space; neither part is empty
//   Name: value               zero to kMaxHeaders header lines; the name is everything
//                             before the first ':'; only spaces (' ') after it are skipped:
//                             tabs and trailing blanks stay in the value
//   (empty line)              ends the headers
//   body                      everything after the empty line, verbatim
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>

#include "pin.hpp"

namespace mw {

/// Thrown by Message's constructor for text that does not follow the format.
struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One header line, as two views into the owning Message's buffer.
struct Header {
  std::string_view name;
  std::string_view value;
};

/// A parsed message holding its own bytes and views into them. Neither copyable nor movable.
class Message {
 public:
  static constexpr std::size_t kCapacity = 1024;  ///< The most bytes a message may have.
  static constexpr std::size_t kMaxHeaders = 8;   ///< The most header lines a message may have.

  /// Effects: copies `text` into this message's buffer and parses it there: every view
  /// this message hands out points into its own buffer(), never into `text`.
  /// Throws: std::length_error if `text.size() > kCapacity`; ParseError if `text` does not
  /// follow the format (see the top of this file).
  explicit Message(std::string_view text);

  /// Returns: the request line's first word.
  std::string_view method() const noexcept { return method_; }
  /// Returns: the rest of the request line after the first space.
  std::string_view path() const noexcept { return path_; }
  /// Returns: the header lines, in order.
  std::span<const Header> headers() const noexcept { return {headers_.data(), header_count_}; }
  /// Returns: the value of the first header named exactly `name` (case-sensitive), or
  /// nullopt when there is none.
  std::optional<std::string_view> header(std::string_view name) const noexcept;
  /// Returns: everything after the empty line.
  std::string_view body() const noexcept { return body_; }
  /// Returns: the bytes this message owns (a copy of the text it was built from).
  std::span<const char> buffer() const noexcept { return {buffer_.data(), size_}; }

 private:
  std::array<char, kCapacity> buffer_;
  std::size_t size_ = 0;
  std::string_view method_;
  std::string_view path_;
  std::array<Header, kMaxHeaders> headers_{};
  std::size_t header_count_ = 0;
  std::string_view body_;
  [[no_unique_address]] Unmovable pinned_;  // the views point into buffer_: never move
};

}  // namespace mw
