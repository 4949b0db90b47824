// gc_heap.cpp — slots, roots, and the mark-and-sweep collection.
#include "gc_heap.hpp"

#include <algorithm>
#include <stdexcept>

namespace mw {

GcHeap::~GcHeap() {
  // TODO: destroy every object still in the heap, reachable or not.
}

std::uint32_t GcHeap::insert(std::unique_ptr<Object> object) {
  // TODO: put `object` in a free slot (free_slots_) or a new one at the end, count it in
  // live_, and return the slot's index. Never hand out the null handle's index.
  MW_TODO();
}

bool GcHeap::is_live(std::uint32_t index, std::uint32_t generation) const noexcept {
  // TODO: true when the slot exists, holds an object, and has this generation.
  MW_TODO();
}

GcHeap::Object& GcHeap::object_at(std::uint32_t index, std::uint32_t generation) const {
  // TODO: std::invalid_argument for the null index, stale_handle when not is_live(), else
  // the slot's object.
  MW_TODO();
}

void GcHeap::add_root(std::uint32_t index, std::uint32_t generation) {
  // TODO: check the handle, then count one more root on its slot.
  MW_TODO();
}

void GcHeap::remove_root(std::uint32_t index) noexcept {
  // TODO: one root fewer on the slot.
  MW_TODO();
}

void Tracer::visit_slot(std::uint32_t index, std::uint32_t generation) {
  // TODO: hand the handle to the heap's mark().
  MW_TODO();
}

void GcHeap::mark(std::uint32_t index, std::uint32_t generation) {
  // TODO: ignore a stale handle and an object already marked; otherwise mark the object and
  // push it on mark_stack_ so that its own handles are traced later. No recursion here.
  MW_TODO();
}

std::size_t GcHeap::collect() {
  // TODO: mark every rooted object; then, while mark_stack_ is not empty, pop an object and
  // call its trace() with a Tracer on this heap. Finally sweep().
  MW_TODO();
}

std::size_t GcHeap::sweep() noexcept {
  // TODO: for every occupied slot: a marked object survives and loses its mark (ready for
  // the next collection); an unmarked one is destroyed, its generation bumped (old handles
  // become stale) and its slot put on free_slots_. Return how many were destroyed.
  MW_TODO();
}

std::size_t GcHeap::live_objects() const noexcept {
  // TODO: the number of objects in the heap.
  MW_TODO();
}

}  // namespace mw
