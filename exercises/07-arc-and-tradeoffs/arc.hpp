// arc.hpp — Arc<T> and WeakArc<T>: Rust's thread-safe reference counting in C++.
//
// YOUR TASK: every function whose body is MW_TODO(). The layout of ArcInner is given and
// fixed (the hidden suite reads the counts in it); so are the accessors and make_arc.
//
// The same shape as Rc (exercise 06): one allocation, an ArcInner, holds both counts and
// the value, like Rust's ArcInner { strong, weak, data }; an Arc or a WeakArc is one
// pointer to it. The counts are atomics, and each operation uses the weakest memory order
// that is still correct:
//
//   increment  relaxed. A new handle is made from an existing one, which already keeps the
//              value alive; nothing needs to be published to anyone.
//   decrement  release, and acquire before destroying. Every thread's last use of the value
//              (its writes through interior mutability, its reads) must happen before the
//              destructor that the last thread runs. Release on each decrement publishes
//              that use; acquire on the last one makes the destroying thread see them all.
//   upgrade    a compare-exchange loop that never increments a count of 0: once the value
//              is destroyed, nothing may bring it back. Acquire on success, as Rust's
//              Weak::upgrade: the new owner sees what threads wrote into the value before
//              their release decrements; relaxed on failure, which hands out nothing.
//
// A count never goes above kMaxRefcount: an increment that finds it there aborts, as
// Rust's does, because a wrapped count would free a value that is still in use.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <memory>
#include <memory_resource>
#include <new>
#include <utility>

#include <mw/todo.hpp>

namespace mw {

/// The largest value a reference count may reach (Rust: `MAX_REFCOUNT = isize::MAX`).
/// Far more handles than memory can hold, so reaching it means a leak of handles in a loop
/// (`std::mem::forget` in Rust, a `new Arc(a)` never deleted in C++), not a real program.
inline constexpr std::size_t kMaxRefcount =
    static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max());

namespace detail {

/// Effects: adds one reference to `count` (relaxed: the caller already holds one, so the
/// object cannot go away meanwhile). Calls std::abort() when the count was already
/// kMaxRefcount or more, before anyone can use the handle made from it.
inline void increment(std::atomic<std::size_t>& count) noexcept {
  // TODO: one atomic add. Which memory order is enough when the caller already holds a
  // reference? Then abort when the count was already at the limit.
  (void)count;
  MW_TODO();
}

/// Effects: removes one reference from `count`.
/// Returns: true when it was the last one; the caller then sees every write any other
/// thread made before dropping its own reference, and may destroy what the count guards.
inline bool decrement(std::atomic<std::size_t>& count) noexcept {
  // TODO: one atomic subtract that publishes this thread's uses of the object (release);
  // the thread that removed the last reference must then acquire what every other thread
  // published before it may destroy anything. ThreadSanitizer grades this exercise and does
  // not understand std::atomic_thread_fence: read the README before choosing how to acquire.
  (void)count;
  MW_TODO();
}

}  // namespace detail

template <class T>
class Arc;
template <class T>
class WeakArc;
template <class T, class... Args>
Arc<T> allocate_arc(std::pmr::memory_resource* resource, Args&&... args);

/// The one allocation behind every Arc and WeakArc of a value (Rust's ArcInner).
/// `storage` holds the value only while `strong > 0`.
template <class T>
struct ArcInner {
  std::atomic<std::size_t> strong;      ///< Arc handles.
  std::atomic<std::size_t> weak;        ///< WeakArc handles + 1 while strong > 0.
  std::pmr::memory_resource* resource;  ///< Where the block came from; it goes back there.
  alignas(T) std::byte storage[sizeof(T)];

  T* value() noexcept { return std::launder(reinterpret_cast<T*>(storage)); }
};

/// A shared, counted, thread-safe handle to one value (Rust's `Arc<T>`). Handles to the
/// same value may be copied, moved and dropped from any threads at once; one handle object
/// is not itself safe to change from two threads (as with std::shared_ptr).
template <class T>
class Arc {
 public:
  /// Effects: an empty handle. Allocates nothing.
  Arc() noexcept = default;

  /// Effects: another handle to the same value; strong count + 1 (Rust: `Arc::clone`).
  /// Aborts when the strong count would pass kMaxRefcount.
  Arc(const Arc& other) noexcept : inner_(other.inner_) {
    // TODO: count the new handle (an empty one counts nothing).
    MW_TODO();
  }
  /// Effects: takes over `other`'s handle; no count changes; `other` becomes empty.
  Arc(Arc&& other) noexcept {
    // TODO: take other's pointer and leave other empty; no count changes.
    (void)other;
    MW_TODO();
  }

  /// Effects: this handle now shares `other`'s value; the old one is dropped. Safe for
  /// self-assignment: `other` is counted before anything is released.
  Arc& operator=(const Arc& other) noexcept {
    // TODO: count the new target before dropping the old one (think of a = a).
    (void)other;
    MW_TODO();
  }
  /// Effects: this handle takes over `other`'s; the old one is dropped; `other` is empty.
  Arc& operator=(Arc&& other) noexcept {
    // TODO
    (void)other;
    MW_TODO();
  }

  /// Effects: drops this handle (see reset).
  ~Arc() { reset(); }

  /// Effects: drops this handle and leaves it empty. The last Arc destroys the value, then
  /// drops the weak reference the Arc handles hold together (freeing the block when no
  /// WeakArc remains).
  void reset() noexcept {
    // TODO: the last Arc destroys the value, then drops the strong handles' weak reference.
    MW_TODO();
  }

  /// Effects: exchanges the two handles; no count changes.
  void swap(Arc& other) noexcept { std::swap(inner_, other.inner_); }

  /// Returns: true unless this handle is empty.
  explicit operator bool() const noexcept { return inner_ != nullptr; }

  /// Requires: *this is not empty. Returns: the shared value (Rust: `Deref`).
  const T& operator*() const noexcept { return *inner_->value(); }
  /// Requires: *this is not empty. Returns: the address of the shared value.
  const T* operator->() const noexcept { return inner_->value(); }
  /// Returns: the address of the value, or nullptr when empty.
  const T* get() const noexcept { return inner_ ? inner_->value() : nullptr; }

  /// Returns: the number of Arc handles, 0 when empty (Rust: `Arc::strong_count`). Other
  /// threads may change it at any time: a snapshot, not a basis for decisions.
  std::size_t strong_count() const noexcept { MW_TODO(); }
  /// Returns: the number of WeakArc handles, not counting the Arc handles' shared one;
  /// 0 when empty (Rust: `Arc::weak_count`). A snapshot, as strong_count.
  std::size_t weak_count() const noexcept { MW_TODO(); }

  /// Returns: a WeakArc to the same block, weak count + 1; an empty one when *this is
  /// empty (Rust: `Arc::downgrade`). Aborts when the weak count would pass kMaxRefcount.
  WeakArc<T> downgrade() const noexcept {
    // TODO: count the new WeakArc, then adopt that reference with WeakArc's private constructor.
    MW_TODO();
  }

  /// Returns: true when both handles point to the same block, or both are empty.
  static bool ptr_eq(const Arc& a, const Arc& b) noexcept { return a.inner_ == b.inner_; }

 private:
  template <class U, class... Args>
  friend Arc<U> allocate_arc(std::pmr::memory_resource* resource, Args&&... args);
  friend class WeakArc<T>;

  /// Adopts one strong reference that the caller already counted.
  explicit Arc(ArcInner<T>* inner) noexcept : inner_(inner) {}

  /// Effects: drops one weak reference; frees the block when it was the last.
  static void release_weak(ArcInner<T>* inner) noexcept {
    // TODO: the last weak reference destroys the ArcInner (its atomics) and gives the block
    // back to inner->resource with the size and alignment it was allocated with.
    (void)inner;
    MW_TODO();
  }

  ArcInner<T>* inner_ = nullptr;
};

/// A non-owning, thread-safe handle (Rust's `sync::Weak<T>`): keeps the block, not the
/// value, alive, and can try to get an Arc back.
template <class T>
class WeakArc {
 public:
  /// Effects: an empty handle that upgrades to nothing. Allocates nothing.
  WeakArc() noexcept = default;

  /// Effects: another handle to the same block; weak count + 1. Aborts when the weak count
  /// would pass kMaxRefcount.
  WeakArc(const WeakArc& other) noexcept : inner_(other.inner_) {
    // TODO
    MW_TODO();
  }
  /// Effects: takes over `other`'s handle; no count changes; `other` becomes empty.
  WeakArc(WeakArc&& other) noexcept {
    // TODO
    (void)other;
    MW_TODO();
  }

  /// Effects: this handle now points where `other` does; the old one is dropped.
  WeakArc& operator=(const WeakArc& other) noexcept {
    // TODO: count the new target before dropping the old one (think of a = a).
    (void)other;
    MW_TODO();
  }
  /// Effects: this handle takes over `other`'s; the old one is dropped; `other` is empty.
  WeakArc& operator=(WeakArc&& other) noexcept {
    // TODO
    (void)other;
    MW_TODO();
  }

  /// Effects: drops this handle (see reset).
  ~WeakArc() { reset(); }

  /// Effects: drops this handle and leaves it empty; frees the block when this was the
  /// last reference of any kind.
  void reset() noexcept {
    // TODO
    MW_TODO();
  }

  /// Effects: exchanges the two handles; no count changes.
  void swap(WeakArc& other) noexcept { std::swap(inner_, other.inner_); }

  /// Returns: a new Arc, strong count + 1, when the value is alive at the moment of the
  /// increment; an empty Arc when it is gone or *this is empty (Rust: `Weak::upgrade`).
  /// Never increments a strong count of 0, so a value being destroyed by another thread is
  /// never handed out. Aborts when the strong count would pass kMaxRefcount.
  /// Memory order: acquire on a successful compare-exchange, relaxed on a failed one
  /// (README: upgrade's memory order). A stronger order is also correct; no test can tell
  /// it apart, and no test checks a relaxed success.
  Arc<T> upgrade() const noexcept {
    // TODO: add one to `strong` only if it is not 0 at the moment of the add. A load
    // followed by a separate add is not that: the last Arc may drop in between.
    MW_TODO();
  }

  /// Returns: the number of Arc handles: 0 once the value is gone or when empty.
  std::size_t strong_count() const noexcept { MW_TODO(); }

 private:
  friend class Arc<T>;

  /// Adopts one weak reference that the caller already counted.
  explicit WeakArc(ArcInner<T>* inner) noexcept : inner_(inner) {}

  ArcInner<T>* inner_ = nullptr;
};

/// Effects: makes one allocation of sizeof(ArcInner<T>) bytes aligned to
/// alignof(ArcInner<T>) from `resource`, constructs T from `args` inside it, with
/// strong = 1 and weak = 1 (the strong handles' collective weak reference).
/// Requires: `resource` outlives every Arc and WeakArc of the value and is thread-safe if
/// the handles travel between threads.
/// Returns: the only Arc to the new value.
/// Throws: what `resource` or T's constructor throws; nothing leaks then.
template <class T, class... Args>
Arc<T> allocate_arc(std::pmr::memory_resource* resource, Args&&... args) {
  // TODO: one block for the ArcInner, counts 1 and 1, T constructed in `storage`; if T's
  // constructor throws, give the block back and rethrow. Adopt with Arc's private constructor.
  (void)resource;
  ((void)args, ...);
  MW_TODO();
}

/// Effects, returns, throws: allocate_arc from std::pmr::get_default_resource()
/// (Rust: `Arc::new`).
template <class T, class... Args>
Arc<T> make_arc(Args&&... args) {
  return allocate_arc<T>(std::pmr::get_default_resource(), std::forward<Args>(args)...);
}

}  // namespace mw
