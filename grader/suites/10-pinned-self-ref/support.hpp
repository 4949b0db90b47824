// support.hpp — what the 10-pinned-self-ref tests share: value types to pin, the
// compile-time probes for what must not compile, and a view-inside-buffer check.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "machine.hpp"
#include "pin.hpp"

namespace suite {

/// A movable value that remembers the address it was constructed at. The implicit copy and
/// move copy `self` too, so a Tracer that was moved or copied is no longer `at_home()`:
/// the test sees any move of a pinned value, as a self-pointer would suffer it.
struct Tracer {
  explicit Tracer(int v = 0) : value(v), self(this) {}
  bool at_home() const { return self == this; }
  int value;
  const Tracer* self;
};

/// A non-movable value (an Unmovable member) that also remembers its address.
struct Anchor {
  explicit Anchor(int v) : value(v), self(this) {}
  bool at_home() const { return self == this; }
  int value;
  const Anchor* self;
  mw::Unmovable pinned;
};

/// A struct with one pinned field (a non-movable reader) and one unpinned field (a counter):
/// the shape pin projection is for.
struct Session {
  mw::RecordReader reader;
  int polls = 0;
};

// The probes are concepts, not bare requires-expressions: outside a template an invalid
// expression in a requires-expression is a hard error, inside a concept it is `false`.

/// Pin<T>::from_unpin accepts a T& (Rust: `Pin::new`, only for Unpin types).
template <class T>
concept PinnableFromReference = requires(T& value) {
  mw::Pin<T>::from_unpin(value);
};

/// A Pin<T> hands out a mutable T& through get_mut (only for Unpin types).
template <class T>
concept PinGivesMutable = requires(mw::Pin<T> pin) {
  pin.get_mut();
};

/// A PinnedBox<T> hands out a mutable T& through get_mut (only for Unpin types).
template <class T>
concept BoxGivesMutable = requires(mw::PinnedBox<T> box) {
  box.get_mut();
};

/// RecordReader::poll accepts an `R` (it must accept Pin<RecordReader> and nothing unpinned).
template <class R>
concept PollableWith = requires(R reader, mw::Inbox& inbox) {
  mw::RecordReader::poll(std::forward<R>(reader), inbox);
};

/// A reader has a member poll(inbox) callable without any pin.
template <class R>
concept HasMemberPoll = requires(R& reader, mw::Inbox& inbox) {
  reader.poll(inbox);
};

/// Returns: the address of what a projection gave, a Pin<F>'s target or the F& itself, so a
/// test can check a wrong projection type at run time instead of failing to compile.
template <class F>
const F* target_of(const mw::Pin<F>& pin) {
  return &pin.get();
}
template <class F>
const F* target_of(const F& field) {
  return &field;
}

/// Effects: polls `reader` when it is a pinned reader (what projecting a pinned field of type
/// RecordReader must give); otherwise records a test failure instead of failing to compile.
/// Returns: what poll returned, or nullopt after a failure.
template <class R>
std::optional<std::string_view> poll_projected(R&& reader, mw::Inbox& inbox) {
  if constexpr (PollableWith<R>) {
    return mw::RecordReader::poll(std::forward<R>(reader), inbox);
  } else {
    ADD_FAILURE() << "projecting a pinned RecordReader field must give a Pin<RecordReader>";
    return std::nullopt;
  }
}

/// Returns: whether every byte of `view` lies inside `buffer` (compares addresses, which
/// std::less orders totally even across unrelated objects).
inline bool inside(std::string_view view, std::span<const char> buffer) {
  const std::less<const char*> before;
  return !before(view.data(), buffer.data()) &&
         !before(buffer.data() + buffer.size(), view.data() + view.size());
}

}  // namespace suite
