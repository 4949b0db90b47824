// Hidden tests for mw::RelPtr: an offset from the pointer's own address, null distinct from
// self-pointing, and a linked structure that still walks after a memcpy of its buffer.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include <mwtest/address.hpp>

#include "rel_ptr.hpp"

namespace {

/// A list node that lives in a byte buffer; its link is relative.
struct Node {
  mw::RelPtr<Node> next;
  std::int32_t value;
};

using mwtest::address;

/// A heap byte buffer at a chosen misalignment: `data()` is `skew` bytes past a 16-aligned
/// address, so copies can move to a different address *and* a different alignment.
class Buffer {
 public:
  Buffer(std::size_t size, std::size_t skew)
      : storage_(static_cast<std::byte*>(::operator new (size + skew, std::align_val_t{16}))),
        skew_(skew),
        size_(size) {}
  ~Buffer() { ::operator delete (storage_, std::align_val_t{16}); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  std::byte* data() const { return storage_ + skew_; }
  std::size_t size() const { return size_; }
  bool contains(const void* p) const {
    return address(p) >= address(data()) && address(p) < address(data() + size_);
  }

 private:
  std::byte* storage_;
  std::size_t skew_;
  std::size_t size_;
};

/// Returns: the node at byte `offset` of `buffer` (put there by build_list or a memcpy).
Node* node_at(const Buffer& buffer, std::size_t offset) {
  return std::launder(reinterpret_cast<Node*>(buffer.data() + offset));
}

/// Effects: builds the list 10 -> 20 -> 30 -> 40 -> 50 in `buffer`, its nodes placed out of
/// order so the links go both forwards and backwards. Returns: the head's offset.
std::size_t build_list(const Buffer& buffer) {
  const std::size_t slots[] = {3, 0, 4, 1, 2};  // node i sits in slot slots[i]
  Node* nodes[5];
  for (int i = 0; i < 5; ++i) {
    nodes[i] = ::new (buffer.data() + slots[i] * sizeof(Node)) Node{{}, 10 * (i + 1)};
  }
  for (int i = 0; i < 4; ++i) nodes[i]->next.set(nodes[i + 1]);
  return slots[0] * sizeof(Node);
}

/// Returns: the values met walking the list from `head`, checking each node is in `buffer`.
std::vector<std::int32_t> walk(const Buffer& buffer, const Node* head) {
  std::vector<std::int32_t> values;
  for (const Node* n = head; n != nullptr && values.size() < 10; n = n->next.get()) {
    EXPECT_TRUE(buffer.contains(n)) << "a link points outside the buffer being walked";
    if (!buffer.contains(n)) break;
    values.push_back(n->value);
  }
  return values;
}

// A default-constructed or nullptr RelPtr is null.
TEST(RelPtr, DefaultIsNull) {
  const mw::RelPtr<int> p;
  const mw::RelPtr<int> q = nullptr;
  EXPECT_EQ(p.get(), nullptr);
  EXPECT_FALSE(p);
  EXPECT_EQ(q.get(), nullptr);
}

// set then get returns the target, forwards and backwards in memory, and * / -> reach it.
TEST(RelPtr, PointsAtItsTarget) {
  struct Pair {
    std::int32_t before = 1;
    mw::RelPtr<std::int32_t> link;
    std::int32_t after = 2;
  } pair;
  pair.link.set(&pair.after);
  EXPECT_EQ(pair.link.get(), &pair.after);
  EXPECT_EQ(*pair.link, 2);
  pair.link.set(&pair.before);
  EXPECT_EQ(pair.link.get(), &pair.before);
  EXPECT_TRUE(pair.link);
  Node node{{}, 9};
  mw::RelPtr<Node> to_node;
  to_node.set(&node);
  EXPECT_EQ(to_node->value, 9);
}

// A RelPtr that is the first member of the object it points to (offset 0) is not null; kills
// encoding null as offset 0.
TEST(RelPtr, SelfPointingIsNotNull) {
  Node node{{}, 4};
  node.next.set(&node);
  EXPECT_TRUE(node.next);
  EXPECT_EQ(node.next.get(), &node);
  EXPECT_EQ(node.next->next->value, 4);
}

// Null is stored as offset 1 (README): a default or set(nullptr) RelPtr holds the bytes of 1,
// and set() of the byte one past the RelPtr's own start (inside it) reads back as null, while
// the bytes just before and just after the RelPtr, and the RelPtr itself, read back as set.
// kills: another null encoding (INT32_MIN, -1, ...), which keeps this+1 as a target and
// writes other bytes for null into a buffer.
TEST(RelPtr, NullIsOffsetOneSoATargetOneByteAwayIsNull) {
  struct alignas(4) Bytes {
    std::byte before[4];
    mw::RelPtr<std::byte> link;
    std::byte after[4];
  } bytes{};
  auto* self = reinterpret_cast<std::byte*>(&bytes.link);
  bytes.link.set(self + 1);
  EXPECT_FALSE(bytes.link) << "one byte past its own start is the null encoding";
  EXPECT_EQ(bytes.link.get(), nullptr);
  bytes.link.set(&bytes.after[0]);
  EXPECT_EQ(bytes.link.get(), &bytes.after[0]);
  bytes.link.set(&bytes.before[3]);
  EXPECT_EQ(bytes.link.get(), &bytes.before[3]);
  bytes.link.set(self);
  EXPECT_EQ(bytes.link.get(), self);
  bytes.link.set(self + 2);
  EXPECT_EQ(bytes.link.get(), self + 2);
  bytes.link.set(nullptr);
  std::int32_t raw = 0;
  std::memcpy(&raw, &bytes.link, sizeof raw);
  EXPECT_EQ(raw, 1) << "set(nullptr) stores offset 1";
  const mw::RelPtr<std::byte> fresh;
  std::memcpy(&raw, &fresh, sizeof raw);
  EXPECT_EQ(raw, 1) << "a default RelPtr stores offset 1";
}

// set(nullptr) makes a RelPtr null again.
TEST(RelPtr, SetNullClears) {
  std::int32_t x = 5;
  mw::RelPtr<std::int32_t> p;
  p.set(&x);
  p.set(nullptr);
  EXPECT_EQ(p.get(), nullptr);
  EXPECT_FALSE(p);
}

// A RelPtr is one 32-bit offset and trivially copyable (a byte copy of it is well-defined);
// kills storing an absolute pointer or a 64-bit offset.
TEST(RelPtr, IsAFourByteTriviallyCopyableOffset) {
  EXPECT_EQ(sizeof(mw::RelPtr<Node>), 4u);
  EXPECT_TRUE(std::is_trivially_copyable_v<mw::RelPtr<Node>>);
  Node node{{}, 1};
  node.next.set(&node);
  EXPECT_EQ(node.next.get(), &node);
}

// A linked list built in one buffer walks in a byte copy of that buffer at a different address
// and alignment, every link landing inside the copy, after the original is freed; kills
// absolute pointers, offsets measured from the buffer start, and offsets of the wrong sign.
TEST(RelPtr, ListWalksAfterMemcpyToAnotherBuffer) {
  constexpr std::size_t kSize = 5 * sizeof(Node);
  auto source = std::make_unique<Buffer>(kSize, 0);
  const std::size_t head = build_list(*source);
  ASSERT_EQ(walk(*source, node_at(*source, head)), (std::vector<std::int32_t>{10, 20, 30, 40, 50}));
  for (const std::size_t skew : {4u, 12u}) {
    Buffer copy(kSize, skew);
    std::memcpy(copy.data(), source->data(), kSize);
    std::memset(source->data(), 0xAB, kSize);  // the original is now garbage...
    EXPECT_EQ(walk(copy, node_at(copy, head)), (std::vector<std::int32_t>{10, 20, 30, 40, 50}));
    std::memcpy(source->data(), copy.data(), kSize);  // ...and copying back restores it
  }
  Buffer last(kSize, 8);
  std::memcpy(last.data(), source->data(), kSize);
  source.reset();  // freed: a pointer into it is a use after free under ASan
  EXPECT_EQ(walk(last, node_at(last, head)), (std::vector<std::int32_t>{10, 20, 30, 40, 50}));
}

// The null link at the end of a list is still null after a memcpy.
TEST(RelPtr, NullSurvivesMemcpy) {
  Buffer a(sizeof(Node), 0);
  Buffer b(sizeof(Node), 4);
  ::new (a.data()) Node{nullptr, 1};
  std::memcpy(b.data(), a.data(), sizeof(Node));
  EXPECT_EQ(node_at(b, 0)->next.get(), nullptr);
  node_at(a, 0)->next.set(node_at(a, 0));
  std::memcpy(b.data(), a.data(), sizeof(Node));
  EXPECT_EQ(node_at(b, 0)->next.get(), node_at(b, 0));
}

// A target more than 2 GiB away cannot be encoded: set throws std::overflow_error and leaves
// the pointer as it was; kills silently truncating the offset to 32 bits.
TEST(RelPtr, TargetOutOfRangeThrows) {
  std::int32_t near = 3;
  const auto far = std::make_unique<std::int32_t>(4);  // the heap, far from the stack
  mw::RelPtr<std::int32_t> p;
  p.set(&near);
  const auto distance = static_cast<std::intptr_t>(address(far.get()) - address(&p));
  ASSERT_TRUE(distance > std::numeric_limits<std::int32_t>::max() ||
              distance < std::numeric_limits<std::int32_t>::min())
      << "precondition: the heap and the stack are more than 2 GiB apart";
  EXPECT_THROW(p.set(far.get()), std::overflow_error);
  EXPECT_EQ(p.get(), &near);
}

}  // namespace
