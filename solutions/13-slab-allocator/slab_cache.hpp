// slab_cache.hpp — a Bonwick-style slab cache for objects of one size and alignment.
//
// A cache takes slabs (one or more pages, a power of two of bytes) from an upstream
// std::pmr::memory_resource, ALIGNED TO THEIR OWN SIZE: then the slab that holds an object
// is `address & ~(slab_bytes - 1)`, one mask, and its header sits right there. Each slab
// carves its bytes after the header into equal slots and threads the free ones into a free
// list stored inside the free slots themselves. A slab is partial, full or empty: partial
// and empty slabs are on lists of their own, so allocate() finds a free slot in O(1);
// full slabs are only counted (as Linux's SLUB does: see slab_cache.cpp for why).
// Empty slabs are kept, up to a limit, to absorb churn; the rest go back upstream.
//
// The fast path (SLUB's per-CPU slab): one slab at a time is CURRENT. Its free-list head
// and its count of objects in use live in the cache object, not in the slab header, so
// allocate() is a pop and deallocate() of one of its objects a mask, a compare and a push:
// both are inline, below the class, and touch no header. Everything else (a new current
// slab, a free into another slab, a slab that empties) is out of line in slab_cache.cpp.
//
// Object caching (Bonwick 1994): with a constructor hook, every slot is constructed once
// when its slab is made and destroyed once when its slab is released. In between, an object
// goes out and comes back in its constructed state, and the free-list link lives AFTER the
// object so that it never overwrites that state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <stdexcept>

namespace mw {

/// Thrown by SlabCache::deallocate, in builds without NDEBUG, for a pointer the cache did
/// not hand out or that is already free (a double free). The cache is unchanged.
class slab_error : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// A hook run on one object slot (a constructor or a destructor of cached objects).
/// Requires: does not throw.
using SlabObjectHook = void (*)(void* object);

/// What a SlabCache is made of; fixed for the cache's life.
struct SlabOptions {
  std::size_t object_size;                               ///< bytes of one object, > 0
  std::size_t object_align = alignof(std::max_align_t);  ///< a power of two
  std::size_t slab_bytes = 4096;         ///< bytes of one slab: a power of two, >= 4096
  std::size_t max_empty_slabs = 1;       ///< empty slabs kept for reuse; beyond, released
  SlabObjectHook constructor = nullptr;  ///< run once per slot when its slab is made
  SlabObjectHook destructor = nullptr;   ///< run once per slot when its slab is released
};

/// A snapshot of a cache's counters.
struct SlabStats {
  std::size_t slabs;           ///< slabs held from upstream (partial + full + empty)
  std::size_t partial_slabs;   ///< slabs with some objects in use and some free
  std::size_t full_slabs;      ///< slabs with every object in use
  std::size_t empty_slabs;     ///< slabs with no object in use, kept for reuse
  std::size_t objects_in_use;  ///< objects handed out and not yet given back
  std::size_t capacity;        ///< objects the held slabs can hold: slabs * objects_per_slab
  std::size_t bytes_in_use;    ///< objects_in_use * object_size
  std::size_t bytes_held;      ///< bytes held from upstream: slabs * slab_bytes

  /// Returns: the fraction of the held bytes that objects in use occupy,
  /// bytes_in_use / bytes_held; 0 when no slab is held.
  double utilization() const noexcept {
    return bytes_held == 0 ? 0.0
                           : static_cast<double>(bytes_in_use) / static_cast<double>(bytes_held);
  }
};

class SlabCache {
 public:
  /// True in builds without NDEBUG: deallocate() then checks every pointer it is given.
#ifdef NDEBUG
  static constexpr bool debug_checks = false;
#else
  static constexpr bool debug_checks = true;
#endif

  /// Effects: computes the slab layout (slot size, objects per slab). Allocates nothing.
  /// Throws: std::invalid_argument when object_size is 0, object_align or slab_bytes is not
  /// a power of two, slab_bytes < 4096, or not one object fits in a slab after its header.
  /// Requires: `upstream` outlives the cache.
  explicit SlabCache(const SlabOptions& options,
                     std::pmr::memory_resource* upstream = std::pmr::get_default_resource());

  /// Effects: releases every slab upstream (running the destructor hook on each of its
  /// slots), including slabs whose objects are still in use: those objects die with it.
  ~SlabCache();

  // Slab headers point back at their cache: a cache cannot move.
  SlabCache(const SlabCache&) = delete;
  SlabCache& operator=(const SlabCache&) = delete;

  /// Effects: takes a free slot from the current slab. When it has none, the partial slab
  /// that got a slot back last becomes current; with none, the empty slab that emptied last;
  /// with none, a new slab taken from upstream (aligned to slab_bytes). Both lists are
  /// last in, first out; a full slab that gets a slot back while the current slab is full
  /// may become current at once.
  /// Returns: object_size() bytes aligned to object_align(); constructed by the constructor
  /// hook if there is one. Never nullptr.
  /// Throws: what upstream throws; the cache is then unchanged.
  void* allocate();

  /// Effects: puts `object` back on its slab's free list. A full slab becomes partial; a
  /// slab left with no object in use becomes empty and is kept while fewer than
  /// max_empty_slabs are, else released upstream (destructor hook run on its slots).
  /// Throws: slab_error, when debug_checks is true, if `object` is not an object of this
  /// cache (nullptr, another cache's, or a pointer into a slot or header) or is already free;
  /// nothing is changed then. deallocate(nullptr) is not a no-op.
  /// Requires: `object` came from allocate() of this cache and is not yet given back; with a
  /// constructor hook, it is back in its constructed state.
  void deallocate(void* object);

  /// Effects: releases every empty slab upstream (the kernel's kmem_cache_shrink).
  /// Returns: how many slabs were released.
  std::size_t shrink() noexcept;

  /// Returns: the counters of the cache right now. O(1).
  SlabStats stats() const noexcept;

  std::size_t object_size() const noexcept {
    return object_size_;
  }
  std::size_t object_align() const noexcept {
    return slot_align_;
  }
  std::size_t slab_bytes() const noexcept {
    return slab_bytes_;
  }
  /// Returns: the distance between two neighbouring objects of a slab.
  std::size_t slot_bytes() const noexcept {
    return slot_bytes_;
  }
  /// Returns: how many objects one slab holds, after its header.
  std::size_t objects_per_slab() const noexcept {
    return objects_per_slab_;
  }

 private:
  struct Slab;
  // The neighbours of a slab on one intrusive doubly linked list.
  struct Links {
    Slab* prev;
    Slab* next;
  };

  // The header at the start of every slab. Right after it: one bit per slot (set = in use)
  // for the debug checks, reserved in every build so the layout does not depend on NDEBUG.
  // Then, at first_slot_offset_, the slots.
  struct Slab {
    const SlabCache* owner;  // the cache, to recognise another cache's pointers
    Links state;             // on partial_ or empty_; unused while full or current
    Links all;               // on all_, from new_slab() to release()
    // The two fields the fast path would touch: stale while the slab is current (the cache
    // holds them then), written back when it stops being current.
    void* free;          // first free slot; each free slot holds the next one's address
    std::size_t in_use;  // objects handed out: 0 = empty, objects_per_slab_ = full

    std::uint64_t* bitmap() noexcept { return reinterpret_cast<std::uint64_t*>(this + 1); }
  };

  // An intrusive doubly linked list of slabs through their `links` member, with its length.
  struct SlabList {
    Links Slab::*links;
    Slab* head = nullptr;
    std::size_t count = 0;

    void push_front(Slab* slab) noexcept;
    void remove(Slab* slab) noexcept;
  };

  Slab* slab_of(const void* object) const noexcept;
  void*& link_of(void* slot) const noexcept;
  std::size_t slot_index(const Slab* slab, const void* object) const noexcept;
  // The debug checks (debug_checks only): refuse a bad pointer / record an allocation.
  void check_deallocate(Slab* slab, void* object) const;
  void mark_allocated(Slab* slab, const void* object) noexcept;
  // The slow paths, out of line: the current slab is full (or there is none); the object
  // is in another slab; the current slab has emptied.
  void* allocate_from_next_slab();
  void deallocate_elsewhere(Slab* slab, void* object) noexcept;
  void retire_empty_current() noexcept;
  // Retires the (full) current slab, then makes `slab` current with this free list and count.
  void make_current(Slab* slab, void* free, std::size_t in_use) noexcept;
  // A slab that has just emptied: onto empty_ below the limit, else upstream.
  void keep_or_release(Slab* slab) noexcept;
  Slab* new_slab();
  void release(Slab* slab) noexcept;

  // The current slab's state, first so that the fast path reads one cache line. Its header's
  // `free` and `in_use` are stale while it is current, and written back when it stops being.
  void* free_ = nullptr;            // the current slab's free list; nullptr: it is full
  Slab* current_ = nullptr;         // nullptr before the first allocation and after it emptied
  std::size_t current_in_use_ = 0;  // objects of the current slab in use; never 0 while current
  std::size_t slab_bytes_;
  std::size_t link_offset_;  // where a free slot keeps the next free slot's address

  std::pmr::memory_resource* upstream_;
  std::size_t object_size_;
  std::size_t slot_align_;  // max(object_align, alignof(void*))
  std::size_t max_empty_slabs_;
  SlabObjectHook constructor_;
  SlabObjectHook destructor_;
  std::size_t slot_bytes_;
  std::size_t first_slot_offset_;  // from the slab's start: header, bitmap, padding
  std::size_t objects_per_slab_;
  // The other slabs: partial and empty ones on lists, full ones only counted.
  SlabList partial_{&Slab::state};
  SlabList empty_{&Slab::state};
  SlabList all_{&Slab::all};    // every slab held, the current one too: what destruction releases
  std::size_t full_slabs_ = 0;  // not counting the current slab
  std::size_t objects_in_use_ = 0;  // not counting the current slab's
};

inline void* SlabCache::allocate() {
  void* object = free_;
  if (object == nullptr) [[unlikely]] {
    return allocate_from_next_slab();
  }
  free_ = link_of(object);
  ++current_in_use_;
  if constexpr (debug_checks) mark_allocated(current_, object);
  return object;
}

inline void SlabCache::deallocate(void* object) {
  Slab* slab = slab_of(object);
  if constexpr (debug_checks) check_deallocate(slab, object);
  if (slab != current_) [[unlikely]] {
    return deallocate_elsewhere(slab, object);
  }
  link_of(object) = free_;
  free_ = object;
  if (--current_in_use_ == 0) [[unlikely]] {
    retire_empty_current();
  }
}

inline SlabCache::Slab* SlabCache::slab_of(const void* object) const noexcept {
  // Every slab is aligned to its size, so masking the low bits lands on its header.
  return reinterpret_cast<Slab*>(reinterpret_cast<std::uintptr_t>(object) & ~(slab_bytes_ - 1));
}

inline void*& SlabCache::link_of(void* slot) const noexcept {
  return *reinterpret_cast<void**>(static_cast<std::byte*>(slot) + link_offset_);
}

}  // namespace mw
