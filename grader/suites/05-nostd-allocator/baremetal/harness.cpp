// harness.cpp — runs the learner's FreeListAllocator bare-metal on a
// Cortex-M3 under QEMU. No C library: startup code, memcpy/memset/memmove
// and I/O (ARM semihosting) are all here. The exit status is 0 when every
// check passes, 1 when one fails, 3 on a fault.
#include <cstddef>
#include <cstdint>

#include "free_list.hpp"

namespace {

// ARM semihosting: `bkpt 0xAB` with the operation in r0, its argument in r1.
constexpr std::uint32_t kSysWrite0 = 0x04;        // print a NUL-terminated string
constexpr std::uint32_t kSysExitExtended = 0x20;  // exit with a status code
constexpr std::uint32_t kApplicationExit = 0x20026;

void semihost(std::uint32_t operation, const void* argument) {
  register std::uint32_t r0 asm("r0") = operation;
  register const void* r1 asm("r1") = argument;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
}

void print(const char* text) {
  semihost(kSysWrite0, text);
}

[[noreturn]] void exit_with(std::uint32_t code) {
  const std::uint32_t block[2] = {kApplicationExit, code};
  semihost(kSysExitExtended, block);
  for (;;) {
  }
}

// Fails the run naming the check; never returns.
#define CHECK(condition)                                  \
  do {                                                    \
    if (!(condition)) {                                   \
      print("bare-metal check failed: " #condition "\n"); \
      exit_with(1);                                       \
    }                                                     \
  } while (false)

// xorshift32: a fixed seed makes every run identical.
std::uint32_t random_state = 2463534242u;
std::uint32_t next_random() {
  random_state ^= random_state << 13;
  random_state ^= random_state >> 17;
  random_state ^= random_state << 5;
  return random_state;
}

struct Live {
  unsigned char* p;
  std::size_t size;
  unsigned char tag;
};

constexpr std::size_t kHeapBytes = 32 * 1024;
constexpr std::size_t kMaxLive = 64;
alignas(8) unsigned char heap[kHeapBytes + 8];
Live live[kMaxLive];
std::size_t live_count = 0;

bool overlaps(const unsigned char* p, std::size_t n, const Live& other) {
  const std::size_t m = other.size == 0 ? 1 : other.size;
  return p < other.p + m && other.p < p + n;
}

void check_stats(const mw::FreeListAllocator& a) {
  CHECK(a.used_bytes() + a.free_bytes() == a.capacity());
  CHECK(a.largest_free_block() <= a.free_bytes());
}

void allocate_one(mw::FreeListAllocator& a, const unsigned char* first, const unsigned char* last) {
  const std::size_t size = next_random() % 600;
  const std::size_t align = std::size_t{1} << (next_random() % 8);
  auto* p = static_cast<unsigned char*>(a.allocate(size, align));
  if (p == nullptr) {
    // Out of memory is allowed only when no free block could hold the request
    // with a header and alignment padding (the same bound as the host suite).
    CHECK(a.largest_free_block() < size + 2 * align + 64);
    return;
  }
  const std::size_t n = size == 0 ? 1 : size;
  CHECK(reinterpret_cast<std::uintptr_t>(p) % align == 0);
  CHECK(p >= first && p + n <= last);
  for (std::size_t i = 0; i < live_count; ++i) CHECK(!overlaps(p, n, live[i]));
  const auto tag = static_cast<unsigned char>(next_random());
  for (std::size_t i = 0; i < size; ++i) p[i] = tag;
  live[live_count++] = {p, size, tag};
}

void free_one(mw::FreeListAllocator& a, std::size_t index) {
  const Live block = live[index];
  for (std::size_t i = 0; i < block.size; ++i) CHECK(block.p[i] == block.tag);
  a.deallocate(block.p);
  live[index] = live[--live_count];
}

[[noreturn]] void run_checks() {
  // A misaligned start: the allocator must align it itself.
  unsigned char* const first = heap + 3;
  unsigned char* const last = first + kHeapBytes;
  mw::FreeListAllocator a(first, kHeapBytes);
  CHECK(a.capacity() > kHeapBytes - 64 && a.capacity() <= kHeapBytes);
  CHECK(a.free_block_count() == 1);
  CHECK(a.allocate(a.capacity(), 1) == nullptr);

  for (int step = 0; step < 4000; ++step) {
    if (live_count == kMaxLive || (live_count > 0 && next_random() % 100 < 45)) {
      free_one(a, next_random() % live_count);
    } else {
      allocate_one(a, first, last);
    }
    check_stats(a);
  }
  while (live_count > 0) free_one(a, next_random() % live_count);
  a.deallocate(nullptr);
  CHECK(a.used_bytes() == 0);
  CHECK(a.free_block_count() == 1);
  CHECK(a.largest_free_block() == a.capacity());
  print("bare-metal run passed\n");
  exit_with(0);
}

}  // namespace

// The C library functions GCC may call for loops and copies: the only ones
// the audit allows the allocator to use. The build passes
// -fno-tree-loop-distribute-patterns so these loops do not call themselves.
extern "C" void* memcpy(void* to, const void* from, std::size_t n) {
  auto* d = static_cast<unsigned char*>(to);
  const auto* s = static_cast<const unsigned char*>(from);
  while (n-- > 0) *d++ = *s++;
  return to;
}

extern "C" void* memmove(void* to, const void* from, std::size_t n) {
  auto* d = static_cast<unsigned char*>(to);
  const auto* s = static_cast<const unsigned char*>(from);
  if (d < s) return memcpy(to, from, n);
  while (n-- > 0) d[n] = s[n];
  return to;
}

extern "C" void* memset(void* to, int value, std::size_t n) {
  auto* d = static_cast<unsigned char*>(to);
  while (n-- > 0) *d++ = static_cast<unsigned char>(value);
  return to;
}

// Symbols from link.ld.
extern "C" unsigned char _data_start[], _data_end[], _data_load[], _bss_start[], _bss_end[],
    _stack_top[];

// Reset: set up .data and .bss (nothing here needs static constructors), then run.
extern "C" [[noreturn]] void reset_handler() {
  memcpy(_data_start, _data_load, static_cast<std::size_t>(_data_end - _data_start));
  memset(_bss_start, 0, static_cast<std::size_t>(_bss_end - _bss_start));
  run_checks();
}

// Any fault (a wild pointer, an unaligned access the core rejects) ends the
// run at once instead of hanging QEMU until the timeout.
extern "C" [[noreturn]] void fault_handler() {
  print("bare-metal run faulted (a wild pointer?)\n");
  exit_with(3);
}

// The Cortex-M vector table: the initial stack pointer, then the handlers
// for reset, NMI, hard fault, memory management, bus and usage faults.
using Handler = void (*)();
extern "C" __attribute__((section(".vectors"), used)) const Handler vector_table[] = {
    reinterpret_cast<Handler>(_stack_top),
    reset_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
};
