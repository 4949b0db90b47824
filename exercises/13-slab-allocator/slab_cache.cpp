// slab_cache.cpp — the slab layout, the slow paths (changing the current slab, the slab
// lists) and the debug checks. The fast paths are inline in slab_cache.hpp.
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
    : slab_bytes_(options.slab_bytes),
      upstream_(upstream),
      object_size_(options.object_size),
      slot_align_(std::max(options.object_align, alignof(void*))),
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

void* SlabCache::allocate_from_next_slab() {
  // TODO: the current slab (if any) is full. Pick the next one BEFORE changing anything
  // (upstream may throw): the head of partial_, else of empty_ (take it off its list), else
  // new_slab(). Move its header's free list and count into the cache with make_current
  // (objects_in_use_ counts only the slabs that are not current), then allocate().
  MW_TODO();
}

void SlabCache::deallocate_elsewhere(Slab* slab, void* object) noexcept {
  // TODO: `object` belongs to a slab that is not current. Push it on the slab's own free
  // list and uncount it. A slab that WAS full goes back on partial_ (or, when the current
  // slab is full or there is none, may become current at once); a slab now empty leaves
  // partial_ for keep_or_release(). A partial slab that stays partial touches no other
  // slab's header (the suite checks it with mprotect).
  MW_TODO();
}

void SlabCache::make_current(Slab* slab, void* free, std::size_t in_use) noexcept {
  // TODO: write the full current slab's state back to its header (no free slot, in_use =
  // objects_per_slab_) and count it as full; then `slab` is current, with `free` and `in_use`.
  MW_TODO();
}

void SlabCache::retire_empty_current() noexcept {
  // TODO: every object of the current slab is back: write free_ and 0 to its header,
  // keep_or_release() it, and have no current slab.
  MW_TODO();
}

void SlabCache::keep_or_release(Slab* slab) noexcept {
  // TODO: onto empty_ while it holds fewer than max_empty_slabs_ slabs, else release().
  MW_TODO();
}

std::size_t SlabCache::shrink() noexcept {
  // TODO: release every empty slab; return how many.
  MW_TODO();
}

SlabStats SlabCache::stats() const noexcept {
  // TODO: fill SlabStats from the list counts and the counters. The current slab is on no
  // list: it is full when free_ is empty, else partial; its objects are current_in_use_.
  MW_TODO();
}

std::size_t SlabCache::slot_index(const Slab* slab, const void* object) const noexcept {
  // TODO: (object - slab - first_slot_offset_) / slot_bytes_.
  MW_TODO();
}

void SlabCache::check_deallocate(Slab* slab, void* object) const {
  // TODO: throw slab_error when `object` is nullptr (check it before reading the header at
  // address 0), when the slab's owner is not this cache, when `object` is not exactly the
  // start of one of its slots, or when that slot's bitmap bit is clear (already free). Clear
  // the bit only once every check has passed.
  MW_TODO();
}

void SlabCache::mark_allocated(Slab* slab, const void* object) noexcept {
  // TODO: set the bitmap bit of `object`'s slot.
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
