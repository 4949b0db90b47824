#include "allocator.hpp"

#include <jemalloc/jemalloc.h>
#include <malloc.h>
#include <mimalloc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "bump_arena.hpp"

// glibc's own entry points. They stay glibc's even when mimalloc or jemalloc, linked into
// the same binary, take over the unprefixed malloc/free.
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_memalign(std::size_t align, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void __libc_free(void* p);
}

namespace mw::bench {
namespace {

constexpr std::size_t malloc_alignment = alignof(std::max_align_t);

class GlibcAllocator final : public AllocatorUnderTest {
 public:
  const char* name() const noexcept override { return "glibc"; }
  void* allocate(std::size_t size, std::size_t align) override {
    return align <= malloc_alignment ? __libc_malloc(size) : __libc_memalign(align, size);
  }
  void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                   std::size_t align) override {
    if (align <= malloc_alignment) return __libc_realloc(p, new_size);
    // realloc keeps only malloc's alignment, so over-aligned blocks move by hand.
    void* q = __libc_memalign(align, new_size);
    if (q == nullptr) return nullptr;
    std::memcpy(q, p, std::min(old_size, new_size));
    __libc_free(p);
    return q;
  }
  void deallocate(void* p, std::size_t, std::size_t) noexcept override { __libc_free(p); }
  void reset() noexcept override { malloc_trim(0); }
  std::size_t footprint() const noexcept override {
    const struct mallinfo2 info = mallinfo2();
    return info.arena + info.hblkhd;  // sbrk'd heap of every arena + mmapped big blocks
  }
};

class MimallocAllocator final : public AllocatorUnderTest {
 public:
  const char* name() const noexcept override { return "mimalloc"; }
  void* allocate(std::size_t size, std::size_t align) override {
    return mi_malloc_aligned(size, align);
  }
  void* reallocate(void* p, std::size_t, std::size_t new_size, std::size_t align) override {
    return mi_realloc_aligned(p, new_size, align);
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    mi_free_size_aligned(p, size, align);
  }
  void reset() noexcept override { mi_collect(true); }
  std::size_t footprint() const noexcept override {
    std::size_t elapsed, user, system, rss, peak_rss, commit, peak_commit, faults;
    mi_process_info(&elapsed, &user, &system, &rss, &peak_rss, &commit, &peak_commit, &faults);
    return commit;
  }
};

class JemallocAllocator final : public AllocatorUnderTest {
 public:
  const char* name() const noexcept override { return "jemalloc"; }
  void* allocate(std::size_t size, std::size_t align) override {
    return mallocx(size, MALLOCX_ALIGN(align));
  }
  void* reallocate(void* p, std::size_t, std::size_t new_size, std::size_t align) override {
    return rallocx(p, new_size, MALLOCX_ALIGN(align));
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    sdallocx(p, size, MALLOCX_ALIGN(align));  // sized free: no size-class lookup
  }
  void reset() noexcept override {
    mallctl("thread.tcache.flush", nullptr, nullptr, nullptr, 0);
    static_assert(MALLCTL_ARENAS_ALL == 4096, "the purge name below spells out MALLCTL_ARENAS_ALL");
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
  }
  std::size_t footprint() const noexcept override {
    // jemalloc's statistics are a snapshot refreshed by writing "epoch".
    std::uint64_t epoch = 1;
    std::size_t length = sizeof epoch;
    mallctl("epoch", &epoch, &length, &epoch, length);
    std::size_t active = 0;
    length = sizeof active;
    mallctl("stats.active", &active, &length, nullptr, 0);
    return active;
  }
};

class BumpAllocator final : public AllocatorUnderTest {
 public:
  const char* name() const noexcept override { return "bump"; }
  void* allocate(std::size_t size, std::size_t align) override {
    return arena_.try_allocate(size, align);
  }
  void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                   std::size_t align) override {
    void* q = arena_.try_allocate(new_size, align);
    if (q != nullptr) std::memcpy(q, p, std::min(old_size, new_size));
    return q;  // the old block stays in the arena until reset(), as every freed one does
  }
  void deallocate(void*, std::size_t, std::size_t) noexcept override {}
  void reset() noexcept override { arena_.reset(); }
  std::size_t footprint() const noexcept override { return arena_.allocated_bytes(); }

 private:
  mw::BumpArena arena_;
};

}  // namespace

std::unique_ptr<AllocatorUnderTest> make_glibc_allocator() {
  return std::make_unique<GlibcAllocator>();
}
std::unique_ptr<AllocatorUnderTest> make_mimalloc_allocator() {
  return std::make_unique<MimallocAllocator>();
}
std::unique_ptr<AllocatorUnderTest> make_jemalloc_allocator() {
  return std::make_unique<JemallocAllocator>();
}
std::unique_ptr<AllocatorUnderTest> make_bump_allocator() {
  return std::make_unique<BumpAllocator>();
}

std::vector<std::unique_ptr<AllocatorUnderTest>> make_all_allocators() {
  std::vector<std::unique_ptr<AllocatorUnderTest>> all;
  all.push_back(make_glibc_allocator());
  all.push_back(make_mimalloc_allocator());
  all.push_back(make_jemalloc_allocator());
  all.push_back(make_bump_allocator());
  return all;
}

}  // namespace mw::bench
