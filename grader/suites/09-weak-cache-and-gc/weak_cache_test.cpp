// weak_cache_test.cpp — WeakCache: values live exactly as long as their users, dead slots
// are swept, the factory runs once per live period, and the cache is safe to share.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <future>
#include <latch>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <mwtest/cpu_affinity.hpp>
#include <mwtest/instrumented.hpp>

#include "weak_cache.hpp"

namespace {

using mwtest::Instrumented;
using mwtest::life_counts;
using Cache = mw::WeakCache<int, Instrumented>;

class WeakCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { Instrumented::reset(); }

  // A factory making Instrumented(value) and counting its calls in `calls`.
  auto counting_factory(int value) {
    return [this, value] {
      ++calls;
      return Instrumented(value);
    };
  }

  int calls = 0;
};

// A value that counts its own lives atomically, for the tests with threads (Instrumented's
// counters are not atomic).
struct Shared {
  Shared(int key, std::atomic<int>& alive) : key(key), alive(&alive) { ++alive; }
  Shared(const Shared& other) : key(other.key), alive(other.alive) { ++*alive; }
  ~Shared() { --*alive; }
  int key;
  std::atomic<int>* alive;
};

void pause_briefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

// Runs `work(t)` on `threads` threads at once and waits for all of them; an exception
// escaping one (not_implemented, say) is rethrown here and fails the test instead of
// terminating the program.
template <class Work>
void run_threads(int threads, Work work) {
  std::vector<std::future<void>> done;
  for (int t = 0; t < threads; ++t) done.push_back(std::async(std::launch::async, work, t));
  for (auto& d : done) d.wait();
  for (auto& d : done) d.get();
}

// A second request while a user still holds the value returns that very object and does
// not call the factory (kills: the factory called again while the value is alive).
TEST_F(WeakCacheTest, SecondGetWhileHeldReturnsTheSameObject) {
  Cache cache;
  auto first = cache.get_or_create(1, counting_factory(10));
  auto second = cache.get_or_create(1, counting_factory(20));
  EXPECT_EQ(first.get(), second.get());
  EXPECT_EQ(second->value(), 10);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(life_counts().alive(), 1);
}

// The value is destroyed the moment its last user lets go, not before and not later
// (kills: a cache holding shared_ptr, so entries never vanish).
TEST_F(WeakCacheTest, ValueDiesWhenItsLastUserLetsGo) {
  Cache cache;
  auto first = cache.get_or_create(1, counting_factory(10));
  auto second = cache.get_or_create(1, counting_factory(10));
  first.reset();
  EXPECT_EQ(life_counts().alive(), 1) << "destroyed while a user still held it";
  second.reset();
  EXPECT_EQ(life_counts().alive(), 0) << "the cache kept the value alive after its last user";
  EXPECT_EQ(cache.size(), 0u);
}

// After the value expired, the next request calls the factory again and gets a new object
// (kills: returning the expired/null pointer, or never re-creating a key).
TEST_F(WeakCacheTest, GetAfterExpiryCallsTheFactoryAgain) {
  Cache cache;
  cache.get_or_create(1, counting_factory(10));
  auto again = cache.get_or_create(1, counting_factory(20));
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->value(), 20);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(life_counts().alive(), 1);
}

// Each key has its own value (kills: ignoring the key, one slot for all keys).
TEST_F(WeakCacheTest, DistinctKeysGetDistinctValues) {
  Cache cache;
  auto a = cache.get_or_create(1, counting_factory(10));
  auto b = cache.get_or_create(2, counting_factory(20));
  EXPECT_NE(a.get(), b.get());
  EXPECT_EQ(cache.get_or_create(1, counting_factory(30))->value(), 10);
  EXPECT_EQ(cache.get_or_create(2, counting_factory(40))->value(), 20);
  EXPECT_EQ(calls, 2);
}

// size() counts the keys whose value is alive, not the slots (kills: returning the map size).
TEST_F(WeakCacheTest, SizeCountsOnlyLiveValues) {
  Cache cache;
  auto a = cache.get_or_create(1, counting_factory(1));
  auto b = cache.get_or_create(2, counting_factory(2));
  auto c = cache.get_or_create(3, counting_factory(3));
  EXPECT_EQ(cache.size(), 3u);
  b.reset();
  EXPECT_EQ(cache.size(), 2u);
  a.reset();
  c.reset();
  EXPECT_EQ(cache.size(), 0u);
}

// find() returns the live value and nullptr for an absent or expired key, without ever
// creating one (kills: find creating a value, find returning an expired value).
TEST_F(WeakCacheTest, FindReturnsOnlyLiveValues) {
  Cache cache;
  EXPECT_EQ(cache.find(1), nullptr);
  auto a = cache.get_or_create(1, counting_factory(10));
  EXPECT_EQ(cache.find(1), a);
  a.reset();
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_EQ(life_counts().alive(), 0);
  EXPECT_EQ(calls, 1);
}

// purge() removes every dead slot and keeps every live one, and says how many it removed
// (kills: a purge that removes nothing, or removes live entries).
TEST_F(WeakCacheTest, PurgeRemovesDeadSlotsAndKeepsLiveOnes) {
  Cache cache;
  std::vector<std::shared_ptr<Instrumented>> kept;
  for (int key = 0; key < 10; ++key) {
    auto value = cache.get_or_create(key, counting_factory(key));
    if (key % 2 == 0) kept.push_back(value);
  }
  const std::size_t before = cache.slot_count();
  const std::size_t removed = cache.purge();
  EXPECT_EQ(cache.slot_count(), 5u);
  EXPECT_EQ(removed, before - 5u);
  for (int key = 0; key < 10; key += 2) {
    EXPECT_EQ(cache.find(key), kept[static_cast<std::size_t>(key / 2)]) << "key " << key;
  }
  EXPECT_EQ(calls, 10);
}

// Ten thousand keys, each released at once, leave only a handful of slots behind even with
// no purge() call: get_or_create sweeps as the map grows (kills: dead slots never purged,
// so a long-running cache grows without bound).
TEST_F(WeakCacheTest, ManyReleasedKeysDoNotGrowTheMap) {
  Cache cache;
  auto held = cache.get_or_create(-1, counting_factory(-1));
  for (int key = 0; key < 10000; ++key) cache.get_or_create(key, counting_factory(key));
  EXPECT_LE(cache.slot_count(), 64u) << "dead slots pile up in the map";
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find(-1), held) << "a sweep removed a live entry";
  EXPECT_EQ(life_counts().alive(), 1);
}

// The cache may die before the values it handed out: they stay valid and are destroyed once,
// later (kills: a custom deleter that reaches into the destroyed cache, a use after free).
TEST_F(WeakCacheTest, ValuesOutliveTheCache) {
  auto cache = std::make_unique<Cache>();
  auto a = cache->get_or_create(1, counting_factory(10));
  auto b = cache->get_or_create(2, counting_factory(20));
  cache.reset();
  EXPECT_EQ(a->value(), 10);
  EXPECT_EQ(life_counts().alive(), 2);
  a.reset();
  b.reset();
  EXPECT_EQ(life_counts().alive(), 0);
  EXPECT_EQ(life_counts().destroyed, life_counts().constructed);
}

// The factory runs with no lock held, so it may ask the cache for another key (kills:
// holding the mutex while calling the factory, which deadlocks here).
TEST_F(WeakCacheTest, FactoryMayUseTheCacheForAnotherKey) {
  Cache cache;
  std::shared_ptr<Instrumented> inner;
  auto outer = cache.get_or_create(1, [&] {
    inner = cache.get_or_create(2, counting_factory(20));
    return Instrumented(inner->value() + 1);
  });
  EXPECT_EQ(outer->value(), 21);
  EXPECT_EQ(cache.find(2), inner);
  EXPECT_EQ(cache.size(), 2u);
}

// A factory that asks for the key it is creating gets std::logic_error instead of waiting
// for itself forever, and the cache is usable afterwards (kills: a self-deadlock).
TEST_F(WeakCacheTest, FactoryAskingForItsOwnKeyThrows) {
  Cache cache;
  auto recursive = [&] {
    cache.get_or_create(1, counting_factory(0));
    return Instrumented(1);
  };
  EXPECT_THROW(cache.get_or_create(1, recursive), std::logic_error);
  EXPECT_EQ(cache.get_or_create(1, counting_factory(5))->value(), 5);
}

// A factory that throws leaves no slot behind: the exception reaches the caller and the
// next request calls a factory again (kills: a half-made slot that blocks or returns null).
TEST_F(WeakCacheTest, ThrowingFactoryLeavesNoSlot) {
  Cache cache;
  auto failing = []() -> Instrumented { throw std::runtime_error("no value today"); };
  EXPECT_THROW(cache.get_or_create(1, failing), std::runtime_error);
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_EQ(cache.slot_count(), 0u);
  auto value = cache.get_or_create(1, counting_factory(7));
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->value(), 7);
  EXPECT_EQ(calls, 1);
}

// Eight threads ask for one key at once: the factory runs once and all get the same object
// (kills: check-then-create without a "being created" mark, no lock at all).
TEST(WeakCacheThreads, ConcurrentGetsOfOneKeyRunTheFactoryOnce) {
  constexpr int threads = 8;
  mw::WeakCache<int, Shared> cache;
  std::atomic<int> alive{0};
  std::atomic<int> calls{0};
  std::vector<std::shared_ptr<Shared>> got(threads);
  std::latch start(threads);
  run_threads(threads, [&](int t) {
    start.arrive_and_wait();
    got[static_cast<std::size_t>(t)] = cache.get_or_create(7, [&] {
      ++calls;
      pause_briefly();  // widen the window in which the others ask for the same key
      return Shared(7, alive);
    });
  });
  EXPECT_EQ(calls.load(), 1);
  for (const auto& p : got) EXPECT_EQ(p.get(), got[0].get());
  got.clear();
  EXPECT_EQ(alive.load(), 0);
}

// When the creating thread's factory throws, a thread waiting for that key is woken and
// creates the value with its own factory (kills: waiters that return null or wait forever).
TEST(WeakCacheThreads, WaiterRetriesAfterAFailedFactory) {
  mw::WeakCache<int, Shared> cache;
  std::atomic<int> alive{0};
  std::atomic<bool> in_factory{false};
  auto failing = std::async(std::launch::async, [&] {
    cache.get_or_create(3, [&]() -> Shared {
      in_factory = true;
      pause_briefly();  // the other thread asks meanwhile
      throw std::runtime_error("failed");
    });
  });
  while (!in_factory && failing.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    std::this_thread::yield();
  }
  auto value = cache.get_or_create(3, [&] { return Shared(3, alive); });
  EXPECT_THROW(failing.get(), std::runtime_error);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->key, 3);
  EXPECT_EQ(cache.find(3), value);
}

// Four threads get and drop values of 16 keys in random order: every value has the right
// key, every value dies, and the sweep leaves no slot (kills: unsynchronised map access,
// values kept alive or destroyed twice under contention).
TEST(WeakCacheThreads, ChurnOnManyKeysStaysConsistent) {
  constexpr int threads = 4;
  constexpr int rounds = 3000;
  mw::WeakCache<int, Shared> cache;
  std::atomic<int> alive{0};
  std::atomic<int> wrong_key{0};
  run_threads(threads, [&](int t) {
    std::mt19937 random(static_cast<unsigned>(t));
    std::vector<std::shared_ptr<Shared>> held;
    for (int i = 0; i < rounds; ++i) {
      const int key = static_cast<int>(random() % 16);
      auto value = cache.get_or_create(key, [&] { return Shared(key, alive); });
      if (value->key != key) ++wrong_key;
      if (random() % 2 == 0) held.push_back(std::move(value));
      if (held.size() > 8) held.erase(held.begin());
      if (i % 100 == 0) cache.purge();
    }
  });
  EXPECT_EQ(wrong_key.load(), 0);
  EXPECT_EQ(alive.load(), 0);
  EXPECT_EQ(cache.size(), 0u);
  cache.purge();
  EXPECT_EQ(cache.slot_count(), 0u);
}

}  // namespace

// Readers (find, size, slot_count) run while writers create, release and purge: every
// member must take the lock (kills: a reader that skips the mutex — ThreadSanitizer, in this
// exercise's thread build, reports the race even when nothing visibly breaks).
TEST(WeakCacheThreads, ReadersAndWritersShareTheLock) {
  constexpr int rounds = 2000;
  mw::WeakCache<int, Shared> cache;
  std::atomic<int> alive{0};
  std::atomic<bool> writing{true};
  std::atomic<int> wrong_key{0};
  run_threads(4, [&](int t) {
    if (t < 2) {  // writers
      for (int i = 0; i < rounds; ++i) {
        const int key = (i + t) % 8;
        auto value = cache.get_or_create(key, [&] { return Shared(key, alive); });
        if (i % 50 == 0) cache.purge();
      }
      writing = false;
      return;
    }
    do {  // readers
      for (int key = 0; key < 8; ++key) {
        if (auto value = cache.find(key); value && value->key != key) ++wrong_key;
      }
      (void)cache.size();
      (void)cache.slot_count();
    } while (writing);
  });
  EXPECT_EQ(wrong_key.load(), 0);
  EXPECT_EQ(alive.load(), 0);
}

namespace {

// Threads ask for the same fresh keys in bursts, in the same order, purging now and then, and
// hold every value until the burst ends: each key must be built exactly once per burst and
// every thread must get that one object. Between bursts every value is released, so each burst
// re-creates every key over a dead slot; a barrier releases the threads together. Bursts go on
// until 2 000 requests have overlapped another thread's request for the same key, or for 100
// bursts when the machine lets the threads overlap less. Kills check-then-create split over two
// critical sections (both threads decide to create before either marks the slot pending), a sweep
// that removes a pending slot (a waiter then builds the key a second time), and a purge that erases
// keys it found dead a moment earlier without looking again (a live slot goes, the key is
// re-built).
TEST(WeakCacheThreads, RacingGetsInBurstsBuildEachKeyOnce) {
  const int threads = std::max(4, static_cast<int>(std::thread::hardware_concurrency()));
  constexpr int kKeys = 256, kMaxRounds = 100, kPurgeEvery = 32;
  constexpr long kEnoughOverlaps = 2000;
  mw::WeakCache<int, Shared> cache;
  std::atomic<int> alive{0};
  std::vector<std::atomic<int>> built(kKeys);
  std::vector<std::atomic<int>> in_flight(kKeys);
  std::vector<std::vector<std::shared_ptr<Shared>>> held(static_cast<std::size_t>(threads));
  std::atomic<long> overlaps{0};
  bool done = false, holding = true;
  int rounds = 0, built_twice = 0, not_shared = 0;
  // Runs once per phase, on the last thread to arrive, before any thread goes on.
  auto between_phases = [&]() noexcept {
    if (holding) {  // every thread holds a value of every key
      for (std::size_t key = 0; key < kKeys; ++key) {
        if (built[key].exchange(0) != 1) ++built_twice;
        for (const auto& values : held) {
          if (values.size() != kKeys || values[key] != held[0][key]) ++not_shared;
        }
      }
    } else {  // every value released
      done = overlaps.load() >= kEnoughOverlaps || ++rounds == kMaxRounds;
    }
    holding = !holding;
  };
  std::barrier sync(threads, between_phases);
  run_threads(threads, [&](int thread) {
    mwtest::spread_over_cpus(static_cast<std::size_t>(thread));
    auto& mine = held[static_cast<std::size_t>(thread)];
    mine.reserve(kKeys);
    while (!done) {
      for (int key = 0; key < kKeys; ++key) {
        auto& flying = in_flight[static_cast<std::size_t>(key)];
        if (flying.fetch_add(1) > 0) overlaps.fetch_add(1, std::memory_order_relaxed);
        mine.push_back(cache.get_or_create(key, [&] {
          built[static_cast<std::size_t>(key)].fetch_add(1);
          return Shared(key, alive);
        }));
        flying.fetch_sub(1);
        if ((key + 1) % kPurgeEvery == 0) cache.purge();
      }
      sync.arrive_and_wait();
      mine.clear();  // every value dies: the next burst builds every key again
      sync.arrive_and_wait();
    }
  });
  EXPECT_EQ(built_twice, 0) << "keys built more than once in a burst, over " << rounds
                            << " bursts (" << overlaps.load() << " overlaps)";
  EXPECT_EQ(not_shared, 0) << "values not shared by every thread asking for their key";
  EXPECT_EQ(alive.load(), 0);
}

}  // namespace
