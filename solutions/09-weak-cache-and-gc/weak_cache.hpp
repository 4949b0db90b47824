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
    std::unique_lock lock(mutex_);
    auto it = slots_.find(key);
    while (it != slots_.end() && it->second.pending()) {
      if (it->second.creator == std::this_thread::get_id()) {
        throw std::logic_error("WeakCache: the factory asked for the key it is creating");
      }
      created_.wait(lock);
      it = slots_.find(key);  // the map may have rehashed, or the creator failed
    }
    if (it != slots_.end()) {
      if (auto alive = it->second.value.lock()) return alive;
    } else {
      if (slots_.size() >= sweep_threshold_) sweep_locked();
      it = slots_.try_emplace(key).first;
    }
    // The slot is dead or new: this thread creates the value, the others wait for it.
    it->second.creator = std::this_thread::get_id();
    lock.unlock();

    std::shared_ptr<Value> value;
    try {
      value = std::make_shared<Value>(std::invoke(factory));
    } catch (...) {
      lock.lock();
      slots_.erase(key);
      created_.notify_all();
      throw;
    }

    lock.lock();
    // Still there: nobody but its creator removes a pending slot.
    Slot& slot = slots_.find(key)->second;
    slot.value = value;
    slot.creator = std::thread::id();
    created_.notify_all();
    return value;
  }

  /// Returns: the live value for `key`, or nullptr when there is none (never created,
  /// expired, or still being created). Never calls a factory.
  std::shared_ptr<Value> find(const Key& key) const {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(key);
    if (it == slots_.end() || it->second.pending()) return nullptr;
    return it->second.value.lock();
  }

  /// Effects: removes every dead slot (one whose value expired).
  /// Returns: how many slots it removed.
  std::size_t purge() {
    std::lock_guard lock(mutex_);
    return sweep_locked();
  }

  /// Returns: the number of keys whose value is alive now.
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(std::count_if(slots_.begin(), slots_.end(), [](const auto& kv) {
      return !kv.second.pending() && !kv.second.value.expired();
    }));
  }

  /// Returns: the number of slots in the map, dead ones and ones being created included.
  std::size_t slot_count() const {
    std::lock_guard lock(mutex_);
    return slots_.size();
  }

 private:
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
    const std::size_t removed = std::erase_if(
        slots_, [](const auto& kv) { return !kv.second.pending() && kv.second.value.expired(); });
    sweep_threshold_ = std::max(min_sweep_threshold, 2 * slots_.size());
    return removed;
  }

  mutable std::mutex mutex_;
  std::condition_variable created_;  // signalled when a pending slot is filled or dropped
  std::unordered_map<Key, Slot, Hash, KeyEqual> slots_;
  std::size_t sweep_threshold_ = min_sweep_threshold;
};

}  // namespace mw
