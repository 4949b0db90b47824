// The tamper guard's memo: an answer comes back only while its key and every file it read
// are what they were.
#include <gtest/gtest.h>

#include <fstream>

#include "guard/guard_memo.hpp"
#include "process/scratch_dir.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

fs::path write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path;
}

// An answer stored under a key comes back under that key, with the files it read.
TEST(GuardMemo, RecallsWhatItRemembered) {
  const ScratchDir dir;
  const fs::path source = write(dir.path() / "tree" / "a.cpp", "int a;");
  const GuardMemo memo(dir.path() / "guard" / "sources.json", "key-1");
  memo.remember({.refused = "a.cpp:1: names 'testing'", .files_read = {source}});
  const std::optional<GuardAnswer> known = memo.recall();
  ASSERT_TRUE(known);
  EXPECT_EQ(known->refused, "a.cpp:1: names 'testing'");
  EXPECT_EQ(known->files_read, std::vector<fs::path>{source});
}

// kills: a memo that trusts a clean answer after the learner edits a file it read.
TEST(GuardMemo, AnEditedFileMakesItStale) {
  const ScratchDir dir;
  const fs::path source = write(dir.path() / "tree" / "a.cpp", "int a;");
  const GuardMemo memo(dir.path() / "sources.json", "key-1");
  memo.remember({.files_read = {source}});
  write(source, "int a; // testing");
  EXPECT_FALSE(memo.recall());
}

// kills: a memo that ignores its key (other flags, rules or tree listing).
TEST(GuardMemo, AnotherKeyFindsNothing) {
  const ScratchDir dir;
  GuardMemo(dir.path() / "sources.json", "key-1").remember({});
  EXPECT_FALSE(GuardMemo(dir.path() / "sources.json", "key-2").recall());
}

// A file it read that is gone, or an entry that is not JSON, is no answer.
TEST(GuardMemo, AGoneFileOrAGarbledEntryIsNoAnswer) {
  const ScratchDir dir;
  const fs::path source = write(dir.path() / "a.hpp", "#pragma once");
  const GuardMemo memo(dir.path() / "sources.json", "key-1");
  memo.remember({.files_read = {source}});
  fs::remove(source);
  EXPECT_FALSE(memo.recall());
  write(dir.path() / "sources.json", "{\"key\": \"key-1\", ");
  EXPECT_FALSE(memo.recall());
}

// The listing names every file below the tree, sorted, and changes when one is added.
TEST(GuardMemo, TreeListingChangesWithANewFile) {
  const ScratchDir dir;
  write(dir.path() / "02-b" / "b.hpp", "");
  write(dir.path() / "01-a" / "a.cpp", "");
  const std::string before = tree_listing(dir.path());
  EXPECT_EQ(before, "01-a/a.cpp\n02-b/b.hpp\n");
  write(dir.path() / "02-b" / "include" / "b.hpp", "");
  EXPECT_NE(tree_listing(dir.path()), before);
}

}  // namespace
}  // namespace grader
