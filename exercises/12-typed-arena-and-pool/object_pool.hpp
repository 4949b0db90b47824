// object_pool.hpp — mw::ObjectPool<T>: a fixed number of slots for T, handed out as RAII
// handles that give their slot back to a free list.
//
// The pool takes ONE block of `capacity` slots from its upstream resource when it is built
// and never allocates again: acquire() pops a slot off an intrusive free list (the "next"
// pointer lives in the free slot's own bytes) and constructs the T there; the handle's
// destructor destroys the T and pushes the slot back. Both are a few instructions, which is
// why a pool beats a general-purpose malloc on fixed-size churn.
#pragma once

#include <cstddef>
#include <memory>
#include <memory_resource>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <mw/todo.hpp>

namespace mw {

/// Thrown by ObjectPool::acquire when every slot is in use. It is an allocation failure, so
/// it is a std::bad_alloc; what() names the capacity.
class pool_exhausted : public std::bad_alloc {
 public:
  explicit pool_exhausted(std::size_t capacity)
      : capacity_(capacity),
        message_("mw::ObjectPool exhausted: all " + std::to_string(capacity) +
                 " slots are in use") {}
  const char* what() const noexcept override { return message_.c_str(); }
  /// Returns: the capacity of the pool that was exhausted.
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  std::size_t capacity_;
  std::string message_;
};

/// A pool of at most `capacity` live T objects in one slab.
///
/// Lifecycle: the T is CONSTRUCTED by acquire (from its arguments) and DESTROYED when its
/// handle releases it; a free slot holds no object. Free slots are reused last-in,
/// first-out: the slot released last is the next one acquired (it is likely still in cache).
/// Requires: every handle is released before the pool is destroyed.
template <class T>
class ObjectPool {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                "ObjectPool<T>: T must be a non-const, non-array object type");
  static_assert(std::is_nothrow_destructible_v<T>,
                "ObjectPool<T>: T's destructor must not throw (handles release in noexcept code)");

  /// A slot holds either a live T or, while free, the link to the next free slot.
  union Slot {
    Slot* next_free;
    alignas(T) std::byte storage[sizeof(T)];
  };

 public:
  /// A move-only owner of one pooled object (like std::unique_ptr with the pool as deleter).
  /// An empty handle (default-built, moved-from, released, or from a failed try_acquire)
  /// owns nothing.
  class Handle {
   public:
    Handle() noexcept = default;
    Handle(const Handle&) = delete;  // two owners would release the slot twice
    Handle& operator=(const Handle&) = delete;
    /// Effects: takes `other`'s object; `other` becomes empty.
    Handle(Handle&& other) noexcept {
      // TODO: take other's pool_ and object_ and leave other empty.
      (void)other;
      MW_TODO();
    }
    /// Effects: releases this handle's object, then takes `other`'s; `other` becomes empty.
    Handle& operator=(Handle&& other) noexcept {
      // TODO: careful with self-assignment; release what this handle owns first.
      (void)other;
      MW_TODO();
    }
    /// Effects: reset().
    ~Handle() { reset(); }

    /// Effects: if the handle owns an object, destroys it and gives its slot back to the
    /// pool; the handle is then empty.
    void reset() noexcept {
      // TODO: give the object back through pool_->release and leave the handle empty.
      MW_TODO();
    }

    /// Returns: the object, or nullptr when the handle is empty.
    T* get() const noexcept { return object_; }
    /// Requires: the handle is not empty.
    T& operator*() const noexcept { return *object_; }
    T* operator->() const noexcept { return object_; }
    /// Returns: whether the handle owns an object.
    explicit operator bool() const noexcept { return object_ != nullptr; }

   private:
    friend class ObjectPool;
    Handle(ObjectPool* pool, T* object) noexcept : pool_(pool), object_(object) {}

    ObjectPool* pool_ = nullptr;
    T* object_ = nullptr;
  };

  /// Effects: takes one slab of `capacity` slots from `upstream` (its only allocation) and
  /// puts every slot on the free list, the lowest address first.
  /// Throws: std::invalid_argument when capacity is 0; std::bad_alloc when the slab's size
  /// overflows; what upstream throws.
  /// Requires: `upstream` outlives the pool.
  explicit ObjectPool(std::size_t capacity,
                      std::pmr::memory_resource* upstream = std::pmr::get_default_resource())
      : upstream_(upstream), capacity_(capacity) {
    // TODO: check capacity, allocate the slab, push every slot on the free list so that the
    // lowest address ends on top.
    MW_TODO();
  }

  // Handles point at the pool: it must stay where it is.
  ObjectPool(const ObjectPool&) = delete;
  ObjectPool& operator=(const ObjectPool&) = delete;

  /// Effects: returns the slab upstream. Requires: in_use() == 0.
  ~ObjectPool() {
    // TODO: return the slab upstream. (Left empty in the stub: the constructor throws.)
  }

  /// Effects: constructs a T from std::forward<Args>(args)... in a free slot.
  /// Returns: a handle owning it. Never allocates.
  /// Throws: pool_exhausted when every slot is in use; what T's constructor throws (the
  /// slot then goes back to the free list).
  template <class... Args>
  Handle acquire(Args&&... args) {
    (void)sizeof...(args);
    MW_TODO();
  }

  /// Effects: like acquire, but an exhausted pool gives an empty handle instead of throwing.
  /// Throws: what T's constructor throws (the slot then goes back to the free list).
  template <class... Args>
  Handle try_acquire(Args&&... args) {
    // TODO: pop the free list (empty handle when it is empty), construct the T in the slot's
    // storage; if the constructor throws, push the slot back before rethrowing.
    (void)sizeof...(args);
    MW_TODO();
  }

  /// Returns: how many objects the pool can hold at once.
  std::size_t capacity() const noexcept { return capacity_; }
  /// Returns: how many objects are alive (owned by handles). O(available()), see available().
  std::size_t in_use() const noexcept { MW_TODO(); }
  /// Returns: how many slots are free. O(available()): it walks the free list. A counter
  /// updated by every acquire and release would make these O(1), but it costs the hot path a
  /// read-modify-write of memory on each call, about 30% of the pool's speed in
  /// benchmarks/12-typed-arena-and-pool_bench.cpp; statistics pay when they are asked for.
  std::size_t available() const noexcept { MW_TODO(); }

 private:
  /// Effects: destroys `object` and pushes its slot on the free list (called by Handle).
  void release(T* object) noexcept {
    // TODO: destroy the object, push its slot on the free list.
    (void)object;
    MW_TODO();
  }

  void push_free(Slot* slot) noexcept {
    // TODO: store free_ in the slot's next_free (assigning a union member makes it the
    // active one: a free slot holds no T) and make the slot the new top.
    (void)slot;
    MW_TODO();
  }

  std::pmr::memory_resource* upstream_;
  std::size_t capacity_;
  Slot* slots_ = nullptr;
  Slot* free_ = nullptr;  ///< top of the free list (LIFO)
};

}  // namespace mw
