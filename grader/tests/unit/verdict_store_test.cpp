// The verdict store: what it finds is exactly what was stored under the same key.
#include <gtest/gtest.h>

#include <fstream>

#include "grading/verdict_store.hpp"
#include "process/scratch_dir.hpp"
#include "sample_reports.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing_support::three_exercise_report;

ExerciseReport sample_verdict() {
  return three_exercise_report().exercises.at(1);
}

std::size_t files_in(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// A verdict stored under a key comes back whole under that key.
TEST(VerdictStore, FindsWhatWasStored) {
  const ScratchDir dir;
  const VerdictStore store(dir.path(), VerdictStore::Keep::latest);
  EXPECT_TRUE(store.store("02-b", "key-1", sample_verdict()));
  const std::optional<ExerciseReport> found = store.find("02-b", "key-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->tests.size(), 2u);
  EXPECT_EQ(found->tests[0].message, "leak");
}

// Another key, another exercise, or an empty key finds nothing.
TEST(VerdictStore, OtherKeysFindNothing) {
  const ScratchDir dir;
  const VerdictStore store(dir.path(), VerdictStore::Keep::every);
  store.store("02-b", "key-1", sample_verdict());
  store.store("02-b", "", sample_verdict());
  EXPECT_FALSE(store.find("02-b", "key-2"));
  EXPECT_FALSE(store.find("03-c", "key-1"));
  EXPECT_FALSE(store.find("02-b", ""));
}

// A verdict another grader binary stored (older tamper guard rules) is not found.
TEST(VerdictStore, AnotherGradersVerdictIsNotFound) {
  const ScratchDir dir;
  const VerdictStore store(dir.path(), VerdictStore::Keep::latest);
  store.store("02-b", "key-1", sample_verdict());
  const fs::path entry = fs::directory_iterator(dir.path() / "02-b")->path();
  std::ifstream in(entry);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t at = text.find("\"grader\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(text.find('"', text.find(':', at)) + 1, 4, "0000");  // another digest
  std::ofstream(entry, std::ios::trunc) << text;
  EXPECT_FALSE(store.find("02-b", "key-1"));
}

// Keep::latest keeps one verdict per exercise: a new key drops the old one.
TEST(VerdictStore, LatestKeepsOnePerExercise) {
  const ScratchDir dir;
  const VerdictStore store(dir.path(), VerdictStore::Keep::latest);
  store.store("02-b", "key-1", sample_verdict());
  store.store("02-b", "key-2", sample_verdict());
  EXPECT_FALSE(store.find("02-b", "key-1"));
  EXPECT_TRUE(store.find("02-b", "key-2"));
  EXPECT_EQ(files_in(dir.path() / "02-b"), 1u);
}

// Keep::every keeps each key's verdict (one per student's code in a batch).
TEST(VerdictStore, EveryKeepsEachKey) {
  const ScratchDir dir;
  const VerdictStore store(dir.path(), VerdictStore::Keep::every);
  store.store("02-b", "key-1", sample_verdict());
  store.store("02-b", "key-2", sample_verdict());
  EXPECT_TRUE(store.find("02-b", "key-1"));
  EXPECT_TRUE(store.find("02-b", "key-2"));
}

// A store that cannot be written (here its directory is a file, which stops root too) says
// so instead of throwing, and finds nothing.
TEST(VerdictStore, UnwritableStoreSaysSoAndFindsNothing) {
  const ScratchDir dir;
  std::ofstream(dir.path() / "not-a-directory") << "x";
  const VerdictStore store(dir.path() / "not-a-directory", VerdictStore::Keep::latest);
  EXPECT_FALSE(store.store("02-b", "key-1", sample_verdict()));
  EXPECT_FALSE(store.find("02-b", "key-1"));
}

// A damaged entry is a miss, never an exception or half a verdict.
TEST(VerdictStore, DamagedEntryIsAMiss) {
  const ScratchDir dir;
  const VerdictStore store(dir.path(), VerdictStore::Keep::latest);
  store.store("02-b", "key-1", sample_verdict());
  for (const auto& entry : fs::directory_iterator(dir.path() / "02-b"))
    std::ofstream(entry.path()) << "{\"key\": \"key-1\", \"verdict\": {\"id\": ";
  EXPECT_FALSE(store.find("02-b", "key-1"));
}

// The key of a built suite changes with the compiler, the sandbox and a relinked binary.
TEST(BuiltSuiteKey, ChangesWithWhatTheVerdictRestsOn) {
  const ScratchDir dir;
  std::ofstream(dir.path() / "exercise.json") << "{}";
  std::ofstream(dir.path() / "suite") << "binary";
  const BuiltSuite suite{.binaries = {dir.path() / "suite"},
                         .manifest = dir.path() / "exercise.json",
                         .compiler = "GNU 12.2.0"};
  const std::string key = built_suite_key(suite);
  EXPECT_FALSE(key.empty());
  BuiltSuite other_compiler = suite;
  other_compiler.compiler = "Clang 16.0.6";
  EXPECT_NE(built_suite_key(other_compiler), key);
  BuiltSuite sandboxed = suite;
  sandboxed.sandboxed = true;
  EXPECT_NE(built_suite_key(sandboxed), key);
  fs::remove(dir.path() / "suite");
  std::ofstream(dir.path() / "suite") << "relinked binary";
  EXPECT_NE(built_suite_key(suite), key);
  fs::remove(dir.path() / "suite");
  EXPECT_EQ(built_suite_key(suite), "") << "a missing binary has no key";
}

}  // namespace
}  // namespace grader
