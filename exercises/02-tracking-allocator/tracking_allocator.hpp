// tracking_allocator.hpp — TrackingAllocator<T>: a classic STL allocator
// (the Allocator requirements, [allocator.requirements]) that takes its
// memory from a TrackingResource, so std::vector, std::map or
// std::allocate_shared report what they allocate.
//
// Rust's unstable `Allocator` trait is passed to a collection as a value
// (`Vec::new_in(&alloc)`); here the allocator is a small handle — one pointer
// to the resource — that containers copy, rebind and compare.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

#include <mw/todo.hpp>

#include "tracking.hpp"

// Stub note: allocate, deallocate, the converting constructor and operator==
// are yours to write; add noexcept to all but allocate as you write them
// (MW_TODO() throws, which a noexcept function would turn into a crash).

namespace mw {

/// An allocator of T whose memory comes from, and is counted by, a TrackingResource.
///
/// Two TrackingAllocators are equal when they use the same resource: memory
/// allocated by one can then be freed by the other. Containers take the
/// allocator along when they are copy-assigned, move-assigned or swapped, so a
/// block is always freed through the tracker that allocated it, and move
/// assignment and swap are O(1) and never allocate.
template <class T>
class TrackingAllocator {
 public:
  using value_type = T;
  // TODO: the traits std::allocator_traits reads to decide what a container
  // does with its allocator on copy assignment, move assignment and swap,
  // and whether two allocators of this type can differ (see the class comment).

  /// Effects: an allocator that allocates from `resource`.
  /// Requires: `resource` outlives every container that uses this allocator.
  explicit TrackingAllocator(TrackingResource& resource) noexcept : resource_(&resource) {}

  /// Effects: the same allocator for another type (what containers call to
  /// "rebind" it, e.g. std::map<K, V> allocates nodes, not pairs).
  template <class U>
  TrackingAllocator(const TrackingAllocator<U>& other) {
    MW_TODO();
  }

  /// Returns: uninitialized storage for `n` objects of T, aligned for T.
  /// Throws: std::bad_array_new_length if n * sizeof(T) overflows; whatever the
  /// resource throws (std::bad_alloc) when it has no memory.
  T* allocate(std::size_t n) { MW_TODO(); }

  /// Effects: returns storage from allocate(n) to the resource.
  /// Requires: `p` came from allocate(n) of an allocator equal to this one.
  void deallocate(T* p, std::size_t n) { MW_TODO(); }

  /// Returns: the resource this allocator counts in.
  TrackingResource* resource() const noexcept { return resource_; }

  /// Returns: whether memory from one allocator can be freed by the other,
  /// that is, whether they use the same resource (for any two value types).
  template <class U>
  bool operator==(const TrackingAllocator<U>& other) const {
    MW_TODO();
  }

 private:
  TrackingResource* resource_;
};

}  // namespace mw
