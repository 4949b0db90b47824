// machine.hpp — a hand-written async state machine that points into itself.
//
// RecordReader is what the Rust compiler makes of this async fn:
//
//   async fn read_record(inbox: &Inbox) -> &[u8] {
//       let mut buffer = [0u8; 255];
//       let len = inbox.read_byte().await as usize;   // state Length
//       let mut rest = &mut buffer[..len];              // a borrow of a local, kept
//       while !rest.is_empty() {                        // across the .await below:
//           let n = inbox.read(rest).await;             // state Body
//           rest = &mut rest[n..];
//       }
//       &buffer[..len]
//   }
//
// The locals that live across an await (buffer, rest) become fields, so `cursor_`
// points into the machine's own `buffer_`. It is set on the first poll — as in Rust,
// where the self-borrow only exists once the future has started — so from then on the
// machine must not move: poll takes a Pin<RecordReader>, which a plain RecordReader&
// does not convert to.
//
// A record on the wire: one length byte n (0..255), then n bytes.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pin.hpp"

namespace mw {

/// Bytes that arrive in pieces: what a RecordReader waits on (its "I/O").
class Inbox {
 public:
  /// Effects: appends `bytes` to what is waiting to be read.
  void push(std::string_view bytes) { bytes_.append(bytes); }
  /// Effects: moves up to `out.size()` waiting bytes into `out`, oldest first.
  /// Returns: how many; 0 when nothing is waiting (the reader must wait: Pending).
  std::size_t read(std::span<char> out) {
    const auto n = std::min(out.size(), bytes_.size() - consumed_);
    std::copy_n(bytes_.data() + consumed_, n, out.data());
    consumed_ += n;
    return n;
  }
  /// Returns: how many bytes are waiting.
  std::size_t available() const noexcept { return bytes_.size() - consumed_; }

 private:
  std::string bytes_;
  std::size_t consumed_ = 0;
};

/// Thrown by RecordReader::poll once the record has been returned (Rust panics:
/// "`async fn` resumed after completion").
struct PolledAfterCompletion : std::logic_error {
  PolledAfterCompletion() : std::logic_error("RecordReader polled after completion") {}
};

/// A future that reads one record from an Inbox. Neither copyable nor movable; poll it
/// through a Pin, e.g. `RecordReader::poll(box.as_pin(), inbox)` on a PinnedBox.
class RecordReader {
 public:
  /// Where the machine is: each state is one `.await` point of the async fn above.
  enum class State {
    Start,   ///< never polled; cursor_ not set yet
    Length,  ///< waiting for the length byte
    Body,    ///< waiting for the rest of the record: cursor_ points into buffer_
    Done,    ///< the record has been returned
  };

  RecordReader() = default;

  /// Effects: runs the machine as far as the bytes in `inbox` allow, reading them.
  /// Returns: the record — a view into this reader's own buffer, valid while the reader
  /// lives — once it is complete; nullopt (Rust: `Poll::Pending`) while bytes are missing.
  /// Throws: PolledAfterCompletion when called again after returning the record.
  static std::optional<std::string_view> poll(Pin<RecordReader> self, Inbox& inbox);

  /// Returns: where the machine is.
  State state() const noexcept { return state_; }
  /// Returns: the part of the record still to receive, `[cursor_, end_)`: inside
  /// storage() in state Body, empty before and after.
  std::span<const char> pending() const noexcept {
    return state_ == State::Body ? std::span<const char>(cursor_, end_) : std::span<const char>();
  }
  /// Returns: the reader's own buffer, where the record is assembled.
  std::span<const char> storage() const noexcept { return buffer_; }

 private:
  State state_ = State::Start;
  std::array<char, 255> buffer_{};
  char* cursor_ = nullptr;                  // next byte to fill, inside buffer_: the self-reference
  char* end_ = nullptr;                     // one past the record's last byte, inside buffer_
  [[no_unique_address]] Unmovable pinned_;  // cursor_ points into *this: never move
};

}  // namespace mw
