// End-to-end on the real course: one exercise's solution with one bug that makes a test hang
// (a text substitution, so each case reads "solution + this bug"), graded by the real grader
// against the real hidden suite. Each case checks that the hang costs only the tests that
// reach it, in the build variant where it happens, and that it costs at most
// 2 x test_seconds of wall time per hanging test beyond a clean run of the same exercise,
// measured just before under the same load; both times are printed and recorded as test
// properties. Times exclude the exercise's build (its report's build.seconds).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "grader_runner.hpp"

namespace e2e {
namespace {

using nlohmann::json;

const std::string kCache = "09-weak-cache-and-gc";
const std::string kPool = "12-typed-arena-and-pool";
// The wall time a hang may add per hanging test, in test_seconds: once in the run of all
// tests (stopped at half of it), once alone (all of it), plus process starts.
constexpr double kHangCostInTestSeconds = 2;

// A failed factory wakes no waiter: the thread waiting for that key sleeps forever.
const Substitution kWaiterNeverWoken{.file = "weak_cache.hpp",
                                     .from =
                                         "      slots_.erase(key);\n"
                                         "      created_.notify_all();\n",
                                     .to = "      slots_.erase(key);\n"};

// A factory asking for its own key waits for itself instead of throwing, in the
// ThreadSanitizer build only (ASan's build still throws).
const Substitution kSelfWaitUnderTsan{
    .file = "weak_cache.hpp",
    .from = "      if (it->second.creator == std::this_thread::get_id()) {\n",
    .to =
        "      if (it->second.creator == std::this_thread::get_id()) {\n"
        "#if defined(__SANITIZE_THREAD__)\n"
        "        created_.wait(lock, [] { return false; });\n"
        "#endif\n"};

// A moved-from handle still owns its object: both release the slot, the slot is pushed on
// the free list twice and links to itself, and walking the list (in_use) never ends.
const Substitution kMoveLeavesSourceLive{
    .file = "object_pool.hpp",
    .from =
        "        : pool_(std::exchange(other.pool_, nullptr)),\n"
        "          object_(std::exchange(other.object_, nullptr)) {}\n",
    .to = "        : pool_(other.pool_), object_(other.object_) {}\n"};

double test_seconds(const std::string& id) {
  const json manifest = json::parse(read_file(project_dir() / "exercises" / id / "exercise.json"));
  return manifest.at("limits").at("test_seconds").get<double>();
}

// Returns: exercise `id` graded from its solution with `bugs`, every suite run (--no-cache).
Graded grade_solution(const std::string& id, const std::vector<Substitution>& bugs,
                      const std::string& report_name) {
  Graded g = check(prepare_solution(id, bugs), report_name, {"--no-cache", id}, project_dir());
  EXPECT_EQ(g.run.exit_code, 0) << g.run.err;
  return g;
}

// Returns: the clean solution of `id` graded with every test passed, once built (a first
// grading builds it, so that the one timed has nothing to build or configure).
Graded grade_clean(const std::string& id) {
  check(prepare_solution(id), id + "-warm.json", {id}, project_dir());
  Graded clean = grade_solution(id, {}, id + "-clean.json");
  const json& e = exercise(clean.report, id);
  EXPECT_EQ(e.at("status"), "passed") << e.dump(2).substr(0, 4000);
  EXPECT_EQ(e.at("score"), e.at("max_score"));
  return clean;
}

// Returns: the grader's wall time for `id` in `g`, without the exercise's build.
double grading_seconds(const Graded& g, const std::string& id) {
  return g.run.seconds - exercise(g.report, id).at("build").at("seconds").get<double>();
}

// Expects `hung`'s verdicts to be `clean`'s (every test passed, full points) except those
// of `lost`, each with the status given and 0 points; a timeout says it did not finish.
void expect_only_lost(const std::string& id, const Graded& clean, const Graded& hung,
                      const std::map<std::string, std::string>& lost) {
  const json& before = exercise(clean.report, id);
  const json& after = exercise(hung.report, id);
  ASSERT_EQ(after.at("tests").size(), before.at("tests").size());
  int score = 0;
  for (const json& was : before.at("tests")) {
    const std::string name = was.at("name");
    SCOPED_TRACE(name);
    const json& now = test_of(after, name);
    const auto it = lost.find(name);
    EXPECT_EQ(now.at("status"), it == lost.end() ? "passed" : it->second) << now.at("message");
    EXPECT_EQ(now.at("score"), it == lost.end() ? was.at("score") : json(0));
    if (it != lost.end() && it->second == "timeout")
      EXPECT_NE(now.at("message").get<std::string>().find("did not finish"), std::string::npos);
    score += now.at("score").get<int>();
  }
  EXPECT_EQ(after.at("score"), score);
  EXPECT_EQ(after.at("status"), "failed");
}

// Expects `hung` to have taken at most kHangCostInTestSeconds x test_seconds per hanging
// test longer than `clean`, and records both times.
void expect_hang_cost(const std::string& id, const Graded& clean, const Graded& hung, int hangs) {
  const double before = grading_seconds(clean, id);
  const double after = grading_seconds(hung, id);
  const double limit = kHangCostInTestSeconds * test_seconds(id) * hangs;
  testing::Test::RecordProperty("clean_seconds", std::to_string(before));
  testing::Test::RecordProperty("hung_seconds", std::to_string(after));
  double load[1] = {0};
  getloadavg(load, 1);  // ctest runs these alone (RUN_SERIAL): the figure shows it was idle
  std::printf("%s: clean %.1f s, with the hang %.1f s (+%.1f s, limit +%.1f s), load %.2f\n",
              id.c_str(), before, after, after - before, limit, load[0]);
  EXPECT_LE(after - before, limit);
}

// Kills: a hang in every build variant costing its test_seconds once per variant, or
// charged to the tests after it (the GC half, the other threaded tests).
TEST(CourseHang, DeadlockedWaiterCostsItsTestOnly) {
  const Graded clean = grade_clean(kCache);
  const Graded hung = grade_solution(kCache, {kWaiterNeverWoken}, "09-waiter.json");
  const std::string waiter = "WeakCacheThreads.WaiterRetriesAfterAFailedFactory";
  expect_only_lost(kCache, clean, hung, {{waiter, "timeout"}});
  // The ASan build, graded first, caught it: the message names no other build.
  const std::string message = test_of(exercise(hung.report, kCache), waiter).at("message");
  EXPECT_EQ(message.rfind("the test did not finish", 0), 0u) << message;
  expect_hang_cost(kCache, clean, hung, 1);
}

// Kills: a hang of the ThreadSanitizer build lost in the merge of the variants, charged to
// the other tests of that build, or taken for the ASan build's.
TEST(CourseHang, HangInTheThreadBuildOnlyCostsThatTest) {
  const Graded clean = grade_clean(kCache);
  const Graded hung = grade_solution(kCache, {kSelfWaitUnderTsan}, "09-tsan-only.json");
  const std::string self_wait = "WeakCacheTest.FactoryAskingForItsOwnKeyThrows";
  expect_only_lost(kCache, clean, hung, {{self_wait, "timeout"}});
  const std::string message = test_of(exercise(hung.report, kCache), self_wait).at("message");
  EXPECT_EQ(message.rfind("[in the thread build] the test did not finish", 0), 0u) << message;
  expect_hang_cost(kCache, clean, hung, 1);
}

// Kills: a spin in a cyclic free list charged to the tests after it (the arena half keeps
// every point) or waited out once per later test.
TEST(CourseHang, CyclicFreeListCostsOnlyThePoolTestsReachingIt) {
  const Graded clean = grade_clean(kPool);
  const Graded hung = grade_solution(kPool, {kMoveLeavesSourceLive}, "12-move.json");
  // The two that walk the looped list spin; the others that move a handle see it fail.
  expect_only_lost(kPool, clean, hung,
                   {{"Pool.ReusesSlotsWithoutAllocating", "timeout"},
                    {"Handle.MovedFromHandleDoesNotReleaseAgain", "timeout"},
                    {"Pool.SlotsAreDistinctAlignedAndInsideTheSlab", "failed"},
                    {"Exhaustion.AcquireThrowsPoolExhaustedNamingTheCapacity", "failed"},
                    {"Exhaustion.RandomChurnExhaustsExactlyAtCapacity", "failed"},
                    {"Handle.IsMoveOnlyAndMovesOwnership", "failed"}});
  expect_hang_cost(kPool, clean, hung, 2);
}

}  // namespace
}  // namespace e2e
