// global_new.cpp — the replacement of every global operator new and delete.
//
// Stub: every replaceable form is already here and works, because the test
// binary (GoogleTest) allocates before main: an operator new that throws
// MW_TODO() would stop it before a single test ran. But nothing is counted.
//
// TODO, in order:
//  1. Counters: process-wide ones that many threads update at once, and ones
//     for the calling thread only (for thread_stats() and ScopedCounter).
//  2. One counted allocation function that every `new` form calls. It must
//     record the size of each block somewhere the unsized `operator delete`
//     can find it from the pointer alone: a header just before the pointer
//     you hand out. Mind the alignment of the pointer after the header, and
//     a size so big that adding the header wraps around.
//  3. Standard behaviour on failure: the throwing forms call the new_handler
//     (std::get_new_handler) and retry while one is installed, then throw
//     std::bad_alloc; the nothrow forms return nullptr instead. new of size 0
//     returns a unique non-null pointer.
//  4. One counted deallocation function that every `delete` form calls
//     (delete of nullptr does nothing). A form you leave on malloc/free will
//     be handed a pointer from your allocation function, or the other way
//     round: AddressSanitizer reports that as a bad free.
#include "global_new.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>

#include <mw/todo.hpp>

namespace mw {

AllocStats global_stats() {
  MW_TODO();
}

AllocStats thread_stats() {
  MW_TODO();
}

ScopedCounter::ScopedCounter() {
  MW_TODO();
}

AllocStats ScopedCounter::stats() const {
  MW_TODO();
}

}  // namespace mw

namespace {

// Stub only: malloc with a given alignment. Replace it with your own.
void* stub_aligned_malloc(std::size_t size, std::align_val_t alignment) noexcept {
  void* p = nullptr;
  const std::size_t align = std::max(static_cast<std::size_t>(alignment), sizeof(void*));
  return posix_memalign(&p, align, size) == 0 ? p : nullptr;
}

}  // namespace

// The replaceable forms ([new.delete]). TODO: route each one through your
// counted functions (steps 2-4 above).

void* operator new(std::size_t size) {
  return std::malloc(size);
}
void* operator new[](std::size_t size) {
  return std::malloc(size);
}
void* operator new(std::size_t size, std::align_val_t al) {
  return stub_aligned_malloc(size, al);
}
void* operator new[](std::size_t size, std::align_val_t al) {
  return stub_aligned_malloc(size, al);
}

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size);
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return stub_aligned_malloc(size, al);
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return stub_aligned_malloc(size, al);
}

void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}
