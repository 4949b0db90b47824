// weak_cache.hpp — a cache that holds its values weakly: Rust's HashMap<K, Weak<V>>.
//
// get_or_create hands out std::shared_ptr<Value>; the cache keeps only a
// std::weak_ptr per key. A value lives exactly as long as some user holds it,
// and the next request after that makes a fresh one. What the cache must
// still manage is its own slots: a weak_ptr whose value died is a dead slot
// (the "expired entry" problem), swept by purge() and, amortized, by
// get_or_create itself so the map never grows without bound.
//
// Thread safety: every member function may be called from many threads at
// once. The factory runs with no lock held (so it may use the cache), and at
// most once per key at a time: other threads asking for that key wait for it.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include <mw/todo.hpp>

namespace mw {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class WeakCache {
  static_assert(std::is_copy_constructible_v<Key>, "WeakCache stores a copy of each key");
  static_assert(!std::is_reference_v<Value> && !std::is_array_v<Value>,
                "WeakCache stores objects: Value must be an object type, not a reference or array");

 public:
  /// get_or_create sweeps dead slots before adding a slot once the map holds this many
  /// slots (or twice the slots left by the previous sweep, whichever is more).
  static constexpr std::size_t min_sweep_threshold = 16;

  /// Effects: an empty cache.
  WeakCache() = default;
  WeakCache(const WeakCache&) = delete;
  WeakCache& operator=(const WeakCache&) = delete;

  /// Effects: forgets every slot. Values still held by users stay alive and are destroyed
  /// when their last user lets go, after the cache is gone.
  /// Requires: no other thread is using the cache.
  ~WeakCache() = default;

  /// Effects: when a value for `key` is alive, returns it without calling `factory`.
  /// Otherwise constructs a Value from `factory()` — called with no lock held — stores it
  /// weakly under `key` and returns it. While one thread runs the factory for a key, other
  /// threads asking for that key wait for its result. Before adding a new slot, sweeps the
  /// dead slots when the map has reached the sweep threshold.
  /// Returns: a non-null pointer; the value lives as long as a user holds one.
  /// Throws: what `factory` or the allocation throws (the cache then holds no slot for `key`,
  /// and a thread waiting for it tries its own factory); std::logic_error when `factory`
  /// asks the cache for the key it is creating (waiting for itself would deadlock).
  /// Requires: `factory()` returns something a Value can be constructed from.
  template <class Factory>
  std::shared_ptr<Value> get_or_create(const Key& key, Factory&& factory) {
    static_assert(std::is_constructible_v<Value, std::invoke_result_t<Factory&>>,
                  "factory() must return a Value (or something a Value is constructible from)");
    // TODO: under mutex_: wait (on created_) while another thread is creating `key`, and
    // throw std::logic_error if that thread is this one. Return the live value if there is
    // one. Otherwise mark the slot as being created by this thread (a new slot: sweep first
    // when the map reached sweep_threshold_), unlock, and call the factory with NO lock held.
    // On success publish the value and wake the waiters; on an exception remove the slot,
    // wake the waiters and rethrow.
    MW_TODO();
  }

  /// Returns: the live value for `key`, or nullptr when there is none (never created,
  /// expired, or still being created). Never calls a factory.
  std::shared_ptr<Value> find(const Key& key) const {
    // TODO: the slot's value if there is a slot, it is not pending and its value is alive.
    MW_TODO();
  }

  /// Effects: removes every dead slot (one whose value expired).
  /// Returns: how many slots it removed.
  std::size_t purge() {
    // TODO: sweep under the lock.
    MW_TODO();
  }

  /// Returns: the number of keys whose value is alive now.
  std::size_t size() const {
    // TODO: count the slots that are not pending and whose value has not expired.
    MW_TODO();
  }

  /// Returns: the number of slots in the map, dead ones and ones being created included.
  std::size_t slot_count() const {
    // TODO: the map's size.
    MW_TODO();
  }

 private:
  // The private part is a suggestion (it is the solution's layout); change it freely.
  //
  // One key's slot. While `creator` names a thread, that thread is running the factory
  // and `value` is empty: the slot is "pending".
  struct Slot {
    std::weak_ptr<Value> value;
    std::thread::id creator;  // the thread running the factory; id() when none

    bool pending() const noexcept { return creator != std::thread::id(); }
  };

  // Removes the dead slots and sets the next threshold: sweeping again only after the map
  // has doubled keeps the sweeps amortized O(1) per insertion.
  // Requires: mutex_ held. Destroys only weak_ptrs, so no Value destructor runs under the lock.
  std::size_t sweep_locked() {
    // TODO: erase every slot that is not pending and whose value expired (std::erase_if),
    // then set sweep_threshold_ to max(min_sweep_threshold, 2 * the slots left).
    MW_TODO();
  }

  mutable std::mutex mutex_;
  std::condition_variable created_;  // signalled when a pending slot is filled or dropped
  std::unordered_map<Key, Slot, Hash, KeyEqual> slots_;
  std::size_t sweep_threshold_ = min_sweep_threshold;
};

}  // namespace mw
