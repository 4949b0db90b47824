// slab_cache.cpp — the slab layout, the slow paths (changing the current slab, the slab
// lists) and the debug checks. The fast paths are inline in slab_cache.hpp.
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
  (slab->*links).prev = nullptr;
  (slab->*links).next = head;
  if (head != nullptr) (head->*links).prev = slab;
  head = slab;
  ++count;
}

void SlabCache::SlabList::remove(Slab* slab) noexcept {
  const Links& mine = slab->*links;
  if (mine.prev != nullptr) {
    (mine.prev->*links).next = mine.next;
  } else {
    head = mine.next;
  }
  if (mine.next != nullptr) (mine.next->*links).prev = mine.prev;
  --count;
}

SlabCache::SlabCache(const SlabOptions& options, std::pmr::memory_resource* upstream)
    : slab_bytes_(options.slab_bytes),
      upstream_(upstream),
      object_size_(options.object_size),
      slot_align_(std::max(options.object_align, alignof(void*))),
      max_empty_slabs_(options.max_empty_slabs),
      constructor_(options.constructor),
      destructor_(options.destructor) {
  if (object_size_ == 0) throw std::invalid_argument("SlabCache: object_size must be > 0");
  if (!std::has_single_bit(options.object_align)) {
    throw std::invalid_argument("SlabCache: object_align must be a power of two");
  }
  if (!std::has_single_bit(slab_bytes_) || slab_bytes_ < page_bytes) {
    throw std::invalid_argument("SlabCache: slab_bytes must be a power of two >= 4096");
  }
  // A free slot holds the next free slot's address. Cached (constructed) objects must keep
  // their state while free, so their link goes after the object instead of over it.
  const bool cached = constructor_ != nullptr || destructor_ != nullptr;
  link_offset_ = cached ? round_up(object_size_, alignof(void*)) : 0;
  slot_bytes_ = round_up(std::max(link_offset_ + sizeof(void*), object_size_), slot_align_);

  // The header and the bitmap come out of the slab too: start from the count that ignores
  // the bitmap and lower it until header + bitmap + padding + slots fit.
  const auto first_slot = [&](std::size_t objects) {
    const std::size_t bitmap_words = (objects + bitmap_word_bits - 1) / bitmap_word_bits;
    return round_up(sizeof(Slab) + bitmap_words * sizeof(std::uint64_t), slot_align_);
  };
  std::size_t objects = slab_bytes_ > sizeof(Slab) ? (slab_bytes_ - sizeof(Slab)) / slot_bytes_ : 0;
  while (objects > 0 && first_slot(objects) + objects * slot_bytes_ > slab_bytes_) --objects;
  if (objects == 0) {
    throw std::invalid_argument("SlabCache: not one object fits in a slab after its header");
  }
  objects_per_slab_ = objects;
  first_slot_offset_ = first_slot(objects);
}

SlabCache::~SlabCache() {
  // Full slabs are on no state list: all_ reaches every slab.
  while (all_.head != nullptr) release(all_.head);
}

void* SlabCache::allocate_from_next_slab() {
  // The current slab, if any, is full. Find the next one before changing anything, so that
  // an upstream failure leaves the cache as it was. Partial slabs come first: filling them
  // lets the empty ones go back upstream.
  Slab* next = partial_.head;
  if (next != nullptr) {
    partial_.remove(next);
  } else if (empty_.head != nullptr) {
    next = empty_.head;
    empty_.remove(next);
  } else {
    next = new_slab();
  }
  // The header's free list and count move into the cache while the slab is current.
  objects_in_use_ -= next->in_use;
  make_current(next, next->free, next->in_use);
  return allocate();
}

void SlabCache::deallocate_elsewhere(Slab* slab, void* object) noexcept {
  link_of(object) = slab->free;
  const bool was_full = slab->in_use == objects_per_slab_;
  const std::size_t in_use = slab->in_use - 1;
  if (was_full) --full_slabs_;
  if (was_full && in_use != 0 && free_ == nullptr) {
    // The current slab is full (or there is none): the next allocate() would have to change
    // slabs anyway, and this one has a free slot that is still warm in the cache. Its header
    // stays stale while it is current: make_current takes the state directly.
    objects_in_use_ -= objects_per_slab_;
    make_current(slab, object, in_use);
    return;
  }
  slab->free = object;
  slab->in_use = in_use;
  --objects_in_use_;
  if (in_use == 0) {
    if (!was_full) partial_.remove(slab);
    keep_or_release(slab);
  } else if (was_full) {
    // A full slab gets a free slot: it must be findable by allocate() again.
    partial_.push_front(slab);
  }
  // A partial slab that stays partial stays where it is: no other slab's header is touched.
}

void SlabCache::make_current(Slab* slab, void* free, std::size_t in_use) noexcept {
  if (current_ != nullptr) {
    // The current slab is full. Full slabs are counted, not linked: linking one would write
    // into the header of a neighbouring full slab, a cache miss, on every full/partial trip.
    current_->free = nullptr;
    current_->in_use = objects_per_slab_;
    objects_in_use_ += objects_per_slab_;
    ++full_slabs_;
  }
  current_ = slab;
  free_ = free;
  current_in_use_ = in_use;
}

void SlabCache::retire_empty_current() noexcept {
  // Every object of the current slab is free: write its state back to its header and let
  // it go like any slab that empties. The next allocate() picks a current slab again.
  current_->free = free_;
  current_->in_use = 0;
  keep_or_release(current_);
  current_ = nullptr;
  free_ = nullptr;
}

void SlabCache::keep_or_release(Slab* slab) noexcept {
  if (empty_.count < max_empty_slabs_) {
    empty_.push_front(slab);
  } else {
    release(slab);
  }
}

std::size_t SlabCache::shrink() noexcept {
  const std::size_t released = empty_.count;
  while (empty_.head != nullptr) {
    Slab* slab = empty_.head;
    empty_.remove(slab);
    release(slab);
  }
  return released;
}

SlabStats SlabCache::stats() const noexcept {
  // The current slab is on no list and is never empty: full when its free list is.
  const bool current_full = current_ != nullptr && free_ == nullptr;
  const bool current_partial = current_ != nullptr && free_ != nullptr;
  const std::size_t slabs = all_.count;
  const std::size_t in_use = objects_in_use_ + current_in_use_;
  return SlabStats{slabs,
                   partial_.count + (current_partial ? 1 : 0),
                   full_slabs_ + (current_full ? 1 : 0),
                   empty_.count,
                   in_use,
                   slabs * objects_per_slab_,
                   in_use * object_size_,
                   slabs * slab_bytes_};
}

std::size_t SlabCache::slot_index(const Slab* slab, const void* object) const noexcept {
  const auto offset = static_cast<std::size_t>(static_cast<const std::byte*>(object) -
                                               reinterpret_cast<const std::byte*>(slab));
  return (offset - first_slot_offset_) / slot_bytes_;
}

void SlabCache::check_deallocate(Slab* slab, void* object) const {
  // The mask of nullptr is address 0: refuse it before reading a header there.
  if (object == nullptr) throw slab_error("SlabCache::deallocate: nullptr");
  if (slab->owner != this) throw slab_error("SlabCache::deallocate: not a slab of this cache");
  const auto offset = static_cast<std::size_t>(static_cast<std::byte*>(object) -
                                               reinterpret_cast<std::byte*>(slab));
  if (offset < first_slot_offset_ || (offset - first_slot_offset_) % slot_bytes_ != 0 ||
      (offset - first_slot_offset_) / slot_bytes_ >= objects_per_slab_) {
    throw slab_error("SlabCache::deallocate: not the start of an object slot");
  }
  const std::size_t i = slot_index(slab, object);
  std::uint64_t& word = slab->bitmap()[i / bitmap_word_bits];
  const std::uint64_t bit = std::uint64_t{1} << (i % bitmap_word_bits);
  if ((word & bit) == 0) throw slab_error("SlabCache::deallocate: double free");
  word &= ~bit;  // the only change, made once every check has passed
}

void SlabCache::mark_allocated(Slab* slab, const void* object) noexcept {
  const std::size_t i = slot_index(slab, object);
  slab->bitmap()[i / bitmap_word_bits] |= std::uint64_t{1} << (i % bitmap_word_bits);
}

SlabCache::Slab* SlabCache::new_slab() {
  // Aligned to its own size: the O(1) object-to-slab lookup depends on it.
  void* memory = upstream_->allocate(slab_bytes_, slab_bytes_);
  auto* slab = ::new (memory) Slab{this, {}, {}, nullptr, 0};
  all_.push_front(slab);
  std::fill_n(slab->bitmap(), (objects_per_slab_ + bitmap_word_bits - 1) / bitmap_word_bits,
              std::uint64_t{0});
  // Thread the free list through the slots, lowest address first; construct cached objects.
  auto* slots = static_cast<std::byte*>(memory) + first_slot_offset_;
  for (std::size_t i = objects_per_slab_; i-- > 0;) {
    void* slot = slots + i * slot_bytes_;
    if (constructor_ != nullptr) constructor_(slot);
    link_of(slot) = slab->free;
    slab->free = slot;
  }
  return slab;
}

void SlabCache::release(Slab* slab) noexcept {
  all_.remove(slab);
  if (destructor_ != nullptr) {
    auto* slots = reinterpret_cast<std::byte*>(slab) + first_slot_offset_;
    for (std::size_t i = 0; i < objects_per_slab_; ++i) destructor_(slots + i * slot_bytes_);
  }
  upstream_->deallocate(slab, slab_bytes_, slab_bytes_);
}

}  // namespace mw
