// gc_heap.hpp — a small mark-and-sweep heap: the cycles reference counting leaks, collected.
//
// Objects live in the heap and point to each other through Gc<T> handles (an
// index and a generation, like the arena handles of Rust's `generational-arena`).
// A Root<T> keeps an object alive from outside the heap. collect() marks every
// object reachable from a root — following the handles each object reports in
// its `trace` member — and destroys the rest, cycles included. A handle to a
// destroyed object is detected (stale_handle), never dangling.
//
// Collection is explicit: nothing is freed except by collect() and ~GcHeap.
// Not thread-safe: one heap belongs to one thread at a time.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace mw {

class GcHeap;
class Tracer;
template <class T>
class Root;

/// Thrown when a handle names an object the heap has already destroyed.
class stale_handle : public std::logic_error {
 public:
  stale_handle() : std::logic_error("Gc handle to an object that was collected") {}
};

/// A handle to a T in a GcHeap: an index and a generation. It owns nothing and keeps nothing
/// alive by itself; the object lives while it is reachable from a Root. Copying is free.
template <class T>
class Gc {
 public:
  /// Effects: a null handle, naming no object.
  Gc() = default;

  /// Returns: false for a null handle.
  explicit operator bool() const noexcept { return index_ != null_index; }

  friend bool operator==(Gc, Gc) = default;

 private:
  friend class GcHeap;
  friend class Tracer;
  template <class U>
  friend class Root;
  static constexpr std::uint32_t null_index = std::numeric_limits<std::uint32_t>::max();

  Gc(std::uint32_t index, std::uint32_t generation) : index_(index), generation_(generation) {}

  std::uint32_t index_ = null_index;
  std::uint32_t generation_ = 0;
};

/// What collect() hands to each reachable object's `trace` member: the object calls
/// visit() once for each handle it holds.
class Tracer {
 public:
  /// Effects: marks the object `handle` names as reachable (its own handles are traced
  /// later, from the mark stack). Null and stale handles are ignored.
  template <class T>
  void visit(Gc<T> handle) {
    if (handle) visit_slot(handle.index_, handle.generation_);
  }

 private:
  friend class GcHeap;
  explicit Tracer(GcHeap& heap) noexcept : heap_(&heap) {}
  void visit_slot(std::uint32_t index, std::uint32_t generation);

  GcHeap* heap_;
};

/// A type the heap can hold: it reports its outgoing handles with
/// `void trace(mw::Tracer&) const`, calling `tracer.visit(h)` for each one.
template <class T>
concept Traceable = requires(const T& object, Tracer& tracer) {
  object.trace(tracer);
};

/// Keeps one object (and everything reachable from it) alive across collect().
/// Move-only RAII: the root is removed when the Root is destroyed, reset or moved from.
template <class T>
class Root {
 public:
  /// Effects: an empty root, keeping nothing alive.
  Root() = default;
  Root(Root&& other) noexcept
      : heap_(std::exchange(other.heap_, nullptr)), handle_(std::exchange(other.handle_, {})) {}
  /// Effects: drops the root held, then takes `other`'s.
  Root& operator=(Root&& other) noexcept {
    Root(std::move(other)).swap(*this);
    return *this;
  }
  /// Effects: removes the root from its heap (the object survives the next collect() only
  /// if something else reaches it).
  ~Root() { reset(); }

  /// Effects: removes the root now; the Root is empty afterwards.
  void reset() noexcept;
  void swap(Root& other) noexcept {
    std::swap(heap_, other.heap_);
    std::swap(handle_, other.handle_);
  }

  /// Returns: the handle of the rooted object; null when empty.
  Gc<T> handle() const noexcept { return handle_; }
  explicit operator bool() const noexcept { return heap_ != nullptr; }

  /// Returns: the rooted object. Requires: not empty.
  T& operator*() const;
  T* operator->() const { return &**this; }

 private:
  friend class GcHeap;
  Root(GcHeap& heap, Gc<T> handle) noexcept : heap_(&heap), handle_(handle) {}

  GcHeap* heap_ = nullptr;
  Gc<T> handle_;
};

class GcHeap {
 public:
  /// Effects: an empty heap.
  GcHeap() = default;
  GcHeap(const GcHeap&) = delete;
  GcHeap& operator=(const GcHeap&) = delete;

  /// Effects: destroys every object still in the heap, reachable or not.
  /// Requires: no Root of this heap outlives it.
  ~GcHeap();

  /// Effects: constructs a T from `args...` (forwarded) in the heap. The object is not
  /// rooted: root it, or link it from a rooted object, before the next collect().
  /// Returns: its handle.
  /// Throws: what T's constructor or the allocation throws (the heap is then unchanged).
  template <class T, class... Args>
  Gc<T> make(Args&&... args) {
    static_assert(
        Traceable<T>,
        "a GcHeap object must report its handles: give it "
        "`void trace(mw::Tracer& tracer) const` calling tracer.visit(h) for each Gc it holds");
    auto object = std::make_unique<Boxed<T>>(std::forward<Args>(args)...);
    const std::uint32_t index = insert(std::move(object));
    return Gc<T>(index, slots_[index].generation);
  }

  /// Returns: the object `handle` names.
  /// Throws: stale_handle when it was collected; std::invalid_argument for a null handle.
  /// Requires: `handle` came from this heap.
  template <class T>
  T& get(Gc<T> handle) {
    return static_cast<Boxed<T>&>(object_at(handle.index_, handle.generation_)).value;
  }
  template <class T>
  const T& get(Gc<T> handle) const {
    return static_cast<const Boxed<T>&>(object_at(handle.index_, handle.generation_)).value;
  }

  /// Returns: true when `handle` names an object still in the heap (false for null).
  template <class T>
  bool contains(Gc<T> handle) const noexcept {
    return is_live(handle.index_, handle.generation_);
  }

  /// Effects: roots the object `handle` names until the returned Root goes. An object may
  /// have many roots.
  /// Throws: stale_handle when it was collected; std::invalid_argument for a null handle.
  template <class T>
  Root<T> root(Gc<T> handle) {
    add_root(handle.index_, handle.generation_);
    return Root<T>(*this, handle);
  }

  /// Effects: marks every object reachable from a root, through any number of handles and
  /// cycles, with an explicit stack (no recursion, so a chain of a million objects is fine);
  /// then destroys every unmarked object and clears the marks for the next collection.
  /// Returns: the number of objects destroyed.
  /// Requires: no `trace` member throws, and no object's destructor uses the heap (the
  /// objects it pointed to may already be gone: the sweep destroys in no particular order).
  std::size_t collect();

  /// Returns: the number of objects in the heap now.
  std::size_t live_objects() const noexcept;

 private:
  template <class U>
  friend class Root;
  friend class Tracer;

  // Type erasure: the heap holds objects of any Traceable type behind one interface.
  struct Object {
    virtual ~Object() = default;
    virtual void trace(Tracer& tracer) const = 0;
  };
  template <class T>
  struct Boxed final : Object {
    template <class... Args>
    explicit Boxed(Args&&... args) : value(std::forward<Args>(args)...) {}
    void trace(Tracer& tracer) const override { value.trace(tracer); }
    T value;
  };

  struct Slot {
    std::unique_ptr<Object> object;  // null when the slot is free
    std::uint32_t generation = 0;    // bumped when the object is destroyed
    std::uint32_t roots = 0;         // Roots naming this object
    bool marked = false;             // reached in the current collection
  };

  std::uint32_t insert(std::unique_ptr<Object> object);
  Object& object_at(std::uint32_t index, std::uint32_t generation) const;
  bool is_live(std::uint32_t index, std::uint32_t generation) const noexcept;
  void add_root(std::uint32_t index, std::uint32_t generation);
  void remove_root(std::uint32_t index) noexcept;
  void mark(std::uint32_t index, std::uint32_t generation);
  std::size_t sweep() noexcept;

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;  // indices of free slots, reused before growing
  std::vector<std::uint32_t> mark_stack_;  // marked objects whose handles are not yet traced
  std::size_t live_ = 0;
};

template <class T>
void Root<T>::reset() noexcept {
  if (heap_ != nullptr) std::exchange(heap_, nullptr)->remove_root(handle_.index_);
  handle_ = {};
}

template <class T>
T& Root<T>::operator*() const {
  return heap_->get(handle_);
}

}  // namespace mw
