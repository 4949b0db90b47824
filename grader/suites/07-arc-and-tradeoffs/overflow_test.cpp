// Hidden tests for the overflow guard: a count that would pass mw::kMaxRefcount aborts the
// process (Rust's Arc aborts past isize::MAX), because a count that wrapped around to 0 would
// free a value still in use. The counts are set near the limit through the fixed ArcInner
// layout, checked in a death test, then put back so the test ends without a leak.
#include <gtest/gtest.h>

#include <cstddef>
#include <limits>

#include "arc.hpp"
#include "fixture.hpp"

namespace {

static_assert(mw::kMaxRefcount ==
                  static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max()),
              "kMaxRefcount is Rust's MAX_REFCOUNT, isize::MAX");

class Overflow : public ArcFixture {
 protected:
  void SetUp() override {
    ArcFixture::SetUp();
    // Re-run the test binary for the child rather than fork a process that has threads.
    GTEST_FLAG_SET(death_test_style, "threadsafe");
  }
};

// A clone at one below the limit works; a clone at the limit aborts; kills a missing guard and
// a guard that only checks after the handle is already usable or wraps silently.
TEST_F(Overflow, CloneAtTheLimitAborts) {
  auto arc = mw::make_arc<int>(1);
  auto& strong = inner_of(arc).strong;
  strong.store(mw::kMaxRefcount - 1);
  {
    mw::Arc<int> last_allowed = arc;
    EXPECT_EQ(arc.strong_count(), mw::kMaxRefcount);
  }
  strong.store(mw::kMaxRefcount);
  EXPECT_DEATH({ mw::Arc<int> one_too_many = arc; }, "");
  strong.store(1);
}

// An upgrade at the limit aborts instead of wrapping the strong count; kills an upgrade loop
// with no guard.
TEST_F(Overflow, UpgradeAtTheLimitAborts) {
  auto arc = mw::make_arc<int>(2);
  auto weak = arc.downgrade();
  auto& strong = inner_of(arc).strong;
  strong.store(mw::kMaxRefcount - 1);
  EXPECT_TRUE(weak.upgrade());
  strong.store(mw::kMaxRefcount);
  EXPECT_DEATH({ auto up = weak.upgrade(); }, "");
  strong.store(1);
}

// downgrade and a WeakArc copy at the weak limit abort; kills guarding the strong count only.
TEST_F(Overflow, DowngradeAndWeakCopyAtTheLimitAbort) {
  auto arc = mw::make_arc<int>(3);
  auto weak = arc.downgrade();
  auto& weak_count = inner_of(arc).weak;
  weak_count.store(mw::kMaxRefcount - 1);
  { auto last_allowed = arc.downgrade(); }
  weak_count.store(mw::kMaxRefcount);
  EXPECT_DEATH({ auto one_too_many = arc.downgrade(); }, "");
  EXPECT_DEATH({ mw::WeakArc<int> one_too_many = weak; }, "");
  weak_count.store(2);
}

}  // namespace
