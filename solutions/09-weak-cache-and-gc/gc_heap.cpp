// gc_heap.cpp — slots, roots, and the mark-and-sweep collection.
#include "gc_heap.hpp"

#include <algorithm>
#include <stdexcept>

namespace mw {

GcHeap::~GcHeap() {
  // Every object goes, reachable or not: the heap owns them all.
  for (Slot& slot : slots_) slot.object.reset();
}

std::uint32_t GcHeap::insert(std::unique_ptr<Object> object) {
  if (!free_slots_.empty()) {
    const std::uint32_t index = free_slots_.back();
    free_slots_.pop_back();
    slots_[index].object = std::move(object);
    ++live_;
    return index;
  }
  // The largest index stays free: it is the null handle's.
  if (slots_.size() >= Gc<Object>::null_index) throw std::length_error("GcHeap is full");
  if (slots_.size() == slots_.capacity()) {
    // A slot enters the free list and the mark stack at most once per collection, so with
    // this capacity neither allocates during collect(): collection cannot run out of memory.
    const std::size_t capacity = std::max<std::size_t>(16, 2 * slots_.size());
    slots_.reserve(capacity);
    free_slots_.reserve(capacity);
    mark_stack_.reserve(capacity);
  }
  slots_.push_back(Slot{std::move(object)});
  ++live_;
  return static_cast<std::uint32_t>(slots_.size() - 1);
}

bool GcHeap::is_live(std::uint32_t index, std::uint32_t generation) const noexcept {
  return index < slots_.size() && slots_[index].object != nullptr &&
         slots_[index].generation == generation;
}

GcHeap::Object& GcHeap::object_at(std::uint32_t index, std::uint32_t generation) const {
  if (index == Gc<Object>::null_index) throw std::invalid_argument("null Gc handle");
  if (!is_live(index, generation)) throw stale_handle();
  return *slots_[index].object;
}

void GcHeap::add_root(std::uint32_t index, std::uint32_t generation) {
  object_at(index, generation);  // checks the handle
  ++slots_[index].roots;
}

void GcHeap::remove_root(std::uint32_t index) noexcept {
  --slots_[index].roots;
}

void Tracer::visit_slot(std::uint32_t index, std::uint32_t generation) {
  heap_->mark(index, generation);
}

void GcHeap::mark(std::uint32_t index, std::uint32_t generation) {
  if (!is_live(index, generation)) return;  // a stale handle kept in a live object
  Slot& slot = slots_[index];
  if (slot.marked) return;  // already reached: this is what ends a cycle
  slot.marked = true;
  mark_stack_.push_back(index);
}

std::size_t GcHeap::collect() {
  // Mark: the roots first, then whatever the marked objects point to. The explicit stack
  // replaces recursion, whose depth would be the length of the longest chain.
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].roots > 0) mark(i, slots_[i].generation);
  }
  Tracer tracer(*this);
  while (!mark_stack_.empty()) {
    const std::uint32_t index = mark_stack_.back();
    mark_stack_.pop_back();
    slots_[index].object->trace(tracer);
  }
  return sweep();
}

std::size_t GcHeap::sweep() noexcept {
  std::size_t freed = 0;
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    if (slot.object == nullptr) continue;
    if (slot.marked) {
      slot.marked = false;  // ready for the next collection
      continue;
    }
    slot.object.reset();
    ++slot.generation;  // every handle to the old object is stale from now on
    free_slots_.push_back(i);
    ++freed;
  }
  live_ -= freed;
  return freed;
}

std::size_t GcHeap::live_objects() const noexcept {
  return live_;
}

}  // namespace mw
