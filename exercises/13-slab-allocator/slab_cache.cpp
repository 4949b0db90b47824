// slab_cache.cpp — the slab layout, the slab lists and the debug checks.
//
// Read the README first: it gives the layout rules and the list moves the suite counts.
// Functions marked noexcept cannot throw MW_TODO's exception: reaching one of them
// unfinished stops the test program (std::terminate), naming the function.
#include "slab_cache.hpp"

#include <algorithm>
#include <bit>
#include <new>

namespace mw {
namespace {

constexpr std::size_t page_bytes = 4096;
constexpr std::size_t bitmap_word_bits = 64;

constexpr std::size_t round_up(std::size_t n, std::size_t align) {
  return (n + align - 1) & ~(align - 1);
}

}  // namespace

void SlabCache::SlabList::push_front(Slab* slab) noexcept {
  // TODO: link `slab` in before head through its `links` member (slab->*links is its
  // Links on this list): fix both prev/next pointers, count it.
  MW_TODO();
}

void SlabCache::SlabList::remove(Slab* slab) noexcept {
  // TODO: unlink `slab` from wherever it is in the list (it may be the head), uncount it.
  MW_TODO();
}

SlabCache::SlabCache(const SlabOptions& options, std::pmr::memory_resource* upstream)
    : upstream_(upstream),
      object_size_(options.object_size),
      slot_align_(std::max(options.object_align, alignof(void*))),
      slab_bytes_(options.slab_bytes),
      max_empty_slabs_(options.max_empty_slabs),
      constructor_(options.constructor),
      destructor_(options.destructor) {
  // TODO: refuse bad options with std::invalid_argument (see the header).
  // TODO: link_offset_: 0, or — when there is a constructor or destructor hook — the object
  // size rounded up to a pointer, so a free slot's link never overwrites a cached object.
  // slot_bytes_: room for the object and the link, rounded up to slot_align_.
  // TODO: objects_per_slab_ and first_slot_offset_: the largest count n such that the
  // header, n bits of bitmap (in 64-bit words), padding up to slot_align_ and n slots fit in
  // slab_bytes_. Refuse a cache where n would be 0. Take no slab yet.
  MW_TODO();
}

SlabCache::~SlabCache() {
  // TODO: release every slab: all_ holds them all, full ones included.
}

void* SlabCache::allocate() {
  // TODO: the slab to use: the head of partial_; else an empty slab (moved to partial_);
  // else new_slab() (onto partial_). Pop the first free slot of its free list, count it
  // (in the slab and in the cache), set its bitmap bit when debug_checks. A slab with no
  // free slot left leaves partial_ and is only counted in full_slabs_.
  MW_TODO();
}

void SlabCache::deallocate(void* object) {
  // TODO: find the slab with slab_of (a mask, no search). When debug_checks, call
  // check_deallocate first. Push the slot on the slab's free list, uncount it. A slab that
  // WAS full goes back on partial_; a slab that is now empty leaves partial_ for empty_, or
  // is released when empty_ already holds max_empty_slabs_.
  MW_TODO();
}

std::size_t SlabCache::shrink() noexcept {
  // TODO: release every empty slab; return how many.
  MW_TODO();
}

SlabStats SlabCache::stats() const noexcept {
  // TODO: fill SlabStats from the list counts and the counters.
  MW_TODO();
}

SlabCache::Slab* SlabCache::slab_of(const void* object) const noexcept {
  // TODO: the slab is aligned to slab_bytes_: clear the low bits of the address.
  MW_TODO();
}

void*& SlabCache::link_of(void* slot) const noexcept {
  // TODO: the pointer-sized link of a free slot, link_offset_ bytes into it.
  MW_TODO();
}

std::size_t SlabCache::slot_index(const Slab* slab, const void* object) const noexcept {
  // TODO: (object - slab - first_slot_offset_) / slot_bytes_.
  MW_TODO();
}

void SlabCache::check_deallocate(Slab* slab, void* object) const {
  // TODO: throw slab_error when the slab's owner is not this cache, when `object` is not
  // exactly the start of one of its slots, or when that slot's bitmap bit is clear (already
  // free). Clear the bit only once every check has passed.
  MW_TODO();
}

SlabCache::Slab* SlabCache::new_slab() {
  // TODO: slab_bytes_ from upstream_, ALIGNED TO slab_bytes_. Construct the header, link it
  // on all_, clear the bitmap, run the constructor hook on every slot, and thread every slot
  // on the free list.
  MW_TODO();
}

void SlabCache::release(Slab* slab) noexcept {
  // TODO: unlink it from all_, run the destructor hook on every slot, then give the slab
  // back upstream with the size and alignment it was allocated with.
  MW_TODO();
}

}  // namespace mw
