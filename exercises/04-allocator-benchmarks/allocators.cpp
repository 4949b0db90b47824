#include "allocator.hpp"

#include <dlfcn.h>
#include <jemalloc/jemalloc.h>
#include <malloc.h>
#include <mimalloc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "bump_arena.hpp"

namespace mw::bench {
namespace {

constexpr std::size_t malloc_alignment = alignof(std::max_align_t);

/// glibc's own malloc family. libmimalloc.so exports not only malloc/free but also
/// __libc_malloc/__libc_free, and libjemalloc.so exports memalign, so when they are linked
/// in, even those names may not reach glibc. dlsym on libc's own handle finds the
/// definitions inside libc.so.6, whoever has interposed the names process-wide.
struct GlibcFunctions {
  decltype(&::malloc) malloc;
  decltype(&::memalign) memalign;
  decltype(&::realloc) realloc;
  decltype(&::free) free;
  decltype(&::malloc_trim) malloc_trim;
  decltype(&::mallinfo2) mallinfo2;

  static const GlibcFunctions& get() {
    static const GlibcFunctions functions = load();
    return functions;
  }

 private:
  static GlibcFunctions load() {
    void* libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (libc == nullptr) throw std::runtime_error("glibc adapter: libc.so.6 is not loaded");
    auto find = [libc]<class F>(F*, const char* name) {
      void* symbol = dlsym(libc, name);
      if (symbol == nullptr) throw std::runtime_error(std::string("glibc adapter: no ") + name);
      return reinterpret_cast<F*>(symbol);
    };
    return {find(::malloc, "malloc"),           find(::memalign, "memalign"),
            find(::realloc, "realloc"),         find(::free, "free"),
            find(::malloc_trim, "malloc_trim"), find(::mallinfo2, "mallinfo2")};
  }
};

class GlibcAllocator final : public AllocatorUnderTest {
 public:
  const char* name() const noexcept override { return "glibc"; }
  void* allocate(std::size_t size, std::size_t align) override {
    return align <= malloc_alignment ? libc_.malloc(size) : libc_.memalign(align, size);
  }
  void* reallocate(void* p, std::size_t old_size, std::size_t new_size,
                   std::size_t align) override {
    if (align <= malloc_alignment) return libc_.realloc(p, new_size);
    // realloc keeps only malloc's alignment, so over-aligned blocks move by hand.
    void* q = libc_.memalign(align, new_size);
    if (q == nullptr) return nullptr;
    std::memcpy(q, p, std::min(old_size, new_size));
    libc_.free(p);
    return q;
  }
  void deallocate(void* p, std::size_t, std::size_t) noexcept override { libc_.free(p); }
  void trim() noexcept override { libc_.malloc_trim(0); }
  std::size_t footprint() const noexcept override {
    const struct mallinfo2 info = libc_.mallinfo2();
    return info.arena + info.hblkhd;  // sbrk'd heap of every arena + mmapped big blocks
  }

 private:
  const GlibcFunctions& libc_ = GlibcFunctions::get();
};

/// mimalloc with a heap of its own (mi_heap_new), so that its footprint can be read apart
/// from the rest of the process, whose malloc mimalloc may also be.
class MimallocAllocator final : public AllocatorUnderTest {
 public:
  MimallocAllocator() : heap_(mi_heap_new()) {}
  MimallocAllocator(const MimallocAllocator&) = delete;
  MimallocAllocator& operator=(const MimallocAllocator&) = delete;
  ~MimallocAllocator() override { mi_heap_delete(heap_); }

  const char* name() const noexcept override { return "mimalloc"; }
  void* allocate(std::size_t size, std::size_t align) override {
    return mi_heap_malloc_aligned(heap_, size, align);
  }
  void* reallocate(void* p, std::size_t, std::size_t new_size, std::size_t align) override {
    return mi_heap_realloc_aligned(heap_, p, new_size, align);
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    mi_free_size_aligned(p, size, align);
  }
  void trim() noexcept override { mi_heap_collect(heap_, true); }
  std::size_t footprint() const noexcept override {
    // The committed part of every page of the heap. (mi_process_info's commit counts whole
    // 32 MiB segments, committed eagerly: too coarse for a trace of a few hundred KiB.)
    std::size_t committed = 0;
    mi_heap_visit_blocks(
        heap_, false,
        [](const mi_heap_t*, const mi_heap_area_t* area, void*, std::size_t, void* sum) {
          *static_cast<std::size_t*>(sum) += area->committed;
          return true;
        },
        &committed);
    return committed;
  }

 private:
  mi_heap_t* heap_;
};

class JemallocAllocator final : public AllocatorUnderTest {
 public:
  const char* name() const noexcept override { return "jemalloc"; }
  void* allocate(std::size_t size, std::size_t align) override {
    return mallocx(size, flags(size, align));
  }
  void* reallocate(void* p, std::size_t, std::size_t new_size, std::size_t align) override {
    return rallocx(p, new_size, flags(new_size, align));
  }
  void deallocate(void* p, std::size_t size, std::size_t align) noexcept override {
    sdallocx(p, size, flags(size, align));  // sized free: no size-class lookup
  }
  void trim() noexcept override {
    mallctl("thread.tcache.flush", nullptr, nullptr, nullptr, 0);
    static_assert(MALLCTL_ARENAS_ALL == 4096, "the purge name below spells out MALLCTL_ARENAS_ALL");
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
  }
  std::size_t footprint() const noexcept override {
    // Pages of the extents holding live (or thread-cached) blocks. jemalloc's statistics are a
    // snapshot refreshed by writing "epoch".
    std::uint64_t epoch = 1;
    std::size_t length = sizeof epoch;
    mallctl("epoch", &epoch, &length, &epoch, length);
    std::size_t active = 0;
    length = sizeof active;
    mallctl("stats.active", &active, &length, nullptr, 0);
    return active;
  }

 private:
  /// No flags when the size class alone gives the alignment: mallocx(size, 0) is jemalloc's
  /// fast path. Every class of 16 bytes or more is 16-aligned, but the 8-byte class is only
  /// 8-aligned (C allows it: an 8-byte object cannot need more), which the checker catches.
  static int flags(std::size_t size, std::size_t align) {
    return align <= malloc_alignment && size >= align ? 0 : MALLOCX_ALIGN(align);
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
    // A shrink keeps the block: its first new_size bytes are already in place. A growth
    // must move, since the arena bumps DOWN: the bytes above a block are older blocks.
    if (new_size <= old_size) return p;
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
