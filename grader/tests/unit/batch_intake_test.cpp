// Batch intake: archives crafted here with libarchive's write API, and directories,
// each either read into memory or refused as a whole with a one-line reason.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fstream>

#include "batch/intake.hpp"
#include "process/scratch_dir.hpp"
#include "util/sha256.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct Entry {
  std::string path;
  std::string content;
  unsigned type = AE_IFREG;
  std::string link;       // symlink target, for AE_IFLNK
  bool hardlink = false;  // a hard link to `link`
};

// Writes `entries` as a .zip (zip) or .tar.gz archive at `file`.
void write_archive(const fs::path& file, bool zip, const std::vector<Entry>& entries) {
  archive* a = archive_write_new();
  if (zip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
  }
  ASSERT_EQ(archive_write_open_filename(a, file.c_str()), ARCHIVE_OK) << archive_error_string(a);
  for (const Entry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_copy_pathname(entry, e.path.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, 0644);
    if (e.hardlink) archive_entry_copy_hardlink(entry, e.link.c_str());
    if (e.type == AE_IFLNK) archive_entry_copy_symlink(entry, e.link.c_str());
    if (e.type == AE_IFCHR) archive_entry_set_rdev(entry, makedev(1, 3));
    archive_entry_set_size(
        entry, e.type == AE_IFREG && !e.hardlink ? static_cast<la_int64_t>(e.content.size()) : 0);
    // ARCHIVE_WARN: pax stores a name that is not UTF-8 as raw bytes (hdrcharset=BINARY).
    ASSERT_GE(archive_write_header(a, entry), ARCHIVE_WARN) << archive_error_string(a);
    if (e.type == AE_IFREG && !e.content.empty())
      archive_write_data(a, e.content.data(), e.content.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

class ArchiveIntake : public ::testing::TestWithParam<bool> {
 protected:
  Intake read(const std::vector<Entry>& entries, IntakeLimits limits = {}) {
    const fs::path file = dir_.path() / (GetParam() ? "s.zip" : "s.tar.gz");
    write_archive(file, GetParam(), entries);
    return read_archive(file, GetParam(), limits);
  }
  ScratchDir dir_;
};

TEST_P(ArchiveIntake, ReadsRegularFilesWithNormalizedPaths) {
  const Intake intake = read({{"./alice/", "", AE_IFDIR},
                              {"./alice/exercises/01-arith/arith.cpp", "int x;"},
                              {"alice//exercises/02-greet/greet.hpp", "#pragma once"}});
  ASSERT_EQ(intake.refused, "");
  EXPECT_EQ(intake.files.size(), 2u);
  EXPECT_EQ(intake.files.at("alice/exercises/01-arith/arith.cpp"), "int x;");
  EXPECT_EQ(intake.files.at("alice/exercises/02-greet/greet.hpp"), "#pragma once");
}

TEST_P(ArchiveIntake, RefusesDotDot) {
  const Intake intake = read({{"ok.cpp", "1"}, {"01-arith/../../evil.cpp", "2"}});
  EXPECT_NE(intake.refused.find("'..'"), std::string::npos) << intake.refused;
  EXPECT_TRUE(intake.files.empty());
}

TEST_P(ArchiveIntake, RefusesAbsolutePaths) {
  const Intake intake = read({{"/etc/cron.d/evil", "x"}});
  EXPECT_NE(intake.refused.find("absolute path '/etc/cron.d/evil'"), std::string::npos)
      << intake.refused;
}

// A link is skipped with its reason, and the rest is read; batch refuses it all.
TEST_P(ArchiveIntake, SkipsSymlinks) {
  const Intake intake =
      read({{"01-arith/arith.cpp", "", AE_IFLNK, "/etc/passwd"}, {"02-greet/greet.cpp", "g"}});
  EXPECT_EQ(intake.refused, "");
  EXPECT_EQ(intake.skipped, std::vector<std::string>{"symbolic link '01-arith/arith.cpp'"});
  EXPECT_EQ(intake.files, (std::map<std::string, std::string>{{"02-greet/greet.cpp", "g"}}));
  const Intake strict = refuse_if_skipped(intake);
  EXPECT_EQ(strict.refused, "symbolic link '01-arith/arith.cpp'");
  EXPECT_TRUE(strict.files.empty());
  EXPECT_TRUE(strict.skipped.empty());
}

TEST_P(ArchiveIntake, SkipsSpecialFiles) {
  if (GetParam()) GTEST_SKIP() << "zip cannot hold a device";
  const Intake intake = read({{"dev", "", AE_IFCHR}, {"fifo", "", AE_IFIFO}});
  ASSERT_EQ(intake.skipped.size(), 2u);
  EXPECT_EQ(intake.skipped[0], "special file 'dev' (a device, FIFO or socket)");
  EXPECT_EQ(intake.skipped[1], "special file 'fifo' (a device, FIFO or socket)");
  EXPECT_TRUE(intake.files.empty());
}

TEST_P(ArchiveIntake, SkipsHardLinks) {
  if (GetParam()) GTEST_SKIP() << "zip has no hard links";
  const Intake intake = read({{"a.cpp", "x"}, {"b.cpp", "", AE_IFREG, "a.cpp", true}});
  EXPECT_EQ(intake.skipped, std::vector<std::string>{"hard link 'b.cpp'"});
  EXPECT_EQ(intake.files, (std::map<std::string, std::string>{{"a.cpp", "x"}}));
}

TEST_P(ArchiveIntake, RefusesAFileOverTheLimit) {
  IntakeLimits limits;
  limits.file_bytes = 1000;
  const Intake intake = read({{"big.cpp", std::string(1001, 'a')}}, limits);
  EXPECT_NE(intake.refused.find("'big.cpp' is larger than 1000 bytes"), std::string::npos)
      << intake.refused;
  EXPECT_EQ(read({{"fits.cpp", std::string(1000, 'a')}}, limits).refused, "");
}

// Highly compressible data: the archive is small, what it expands to is counted.
TEST_P(ArchiveIntake, RefusesABombByTheBytesItExpandsTo) {
  IntakeLimits limits;
  limits.total_bytes = 1 << 20;
  const std::vector<Entry> entries = {{"a", std::string(600 << 10, '\0')},
                                      {"b", std::string(600 << 10, '\0')}};
  const Intake intake = read(entries, limits);
  EXPECT_NE(intake.refused.find("more than 1048576 bytes"), std::string::npos) << intake.refused;
  EXPECT_LT(fs::file_size(dir_.path() / (GetParam() ? "s.zip" : "s.tar.gz")), 64u << 10);
}

TEST_P(ArchiveIntake, RefusesTooManyEntries) {
  IntakeLimits limits;
  limits.entries = 3;
  EXPECT_EQ(read({{"a", ""}, {"b", ""}, {"c", ""}}, limits).refused, "");
  const Intake intake = read({{"a", ""}, {"b", ""}, {"c", ""}, {"d", ""}}, limits);
  EXPECT_EQ(intake.refused, "more than 3 entries in the archive");
}

// A name that is not UTF-8 is kept as bytes, and a reason quoting it is valid UTF-8.
TEST_P(ArchiveIntake, NonUtf8NamesDoNotBreakAnything) {
  const std::string latin1 = "caf\xe9.cpp";
  Intake intake = read({{latin1, "x"}});
  ASSERT_EQ(intake.refused, "");
  ASSERT_EQ(intake.files.size(), 1u);
  intake = read({{"../" + latin1, "x"}});
  EXPECT_EQ(intake.refused, "path '../caf\xEF\xBF\xBD.cpp' climbs out with '..'");
}

TEST_P(ArchiveIntake, RefusesAnUnreadableArchive) {
  const fs::path file = dir_.path() / "junk";
  std::ofstream(file) << "not an archive at all";
  const Intake intake = read_archive(file, GetParam(), {});
  EXPECT_EQ(intake.refused.rfind("unreadable archive: ", 0), 0u) << intake.refused;
}

INSTANTIATE_TEST_SUITE_P(ZipAndTarGz, ArchiveIntake, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "zip" : "tar_gz"; });

TEST(CheckedRelativePath, NormalizesOrRefuses) {
  std::string why;
  EXPECT_EQ(checked_relative_path("./a//b/./c.cpp", why), "a/b/c.cpp");
  EXPECT_EQ(checked_relative_path("a\\b.cpp", why), "a/b.cpp");
  EXPECT_EQ(checked_relative_path("./", why), "");
  EXPECT_EQ(checked_relative_path("a/..b/c", why), "a/..b/c");
  EXPECT_FALSE(checked_relative_path("a/../../b", why));
  EXPECT_FALSE(checked_relative_path("..\\b", why));
  EXPECT_FALSE(checked_relative_path("\\\\server\\share", why));
  EXPECT_FALSE(checked_relative_path("/abs", why));
}

TEST(PrintableName, IsOneShortValidLine) {
  EXPECT_EQ(printable_name("a\nb\x1b[31m"), "a?b?[31m");
  EXPECT_EQ(printable_name("\xff"), "\xEF\xBF\xBD");
  const std::string long_name = printable_name(std::string(100, 'x') + "\xc3\xa9");
  EXPECT_EQ(long_name, std::string(80, 'x') + "...");
}

class DirectoryIntake : public ::testing::Test {
 protected:
  fs::path make(const std::string& relative, const std::string& content = "x") {
    const fs::path path = root() / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
    return path;
  }
  fs::path root() const { return dir_.path() / "alice"; }
  ScratchDir dir_;
};

// No link is followed, inside the submission or out of it: each is skipped by name.
TEST_F(DirectoryIntake, SkipsEveryLink) {
  make("01-arith/arith.cpp", "int x;");
  fs::create_symlink("01-arith/arith.cpp", root() / "alias.cpp");
  std::ofstream(dir_.path() / "secret") << "solution";
  fs::create_symlink("../../secret", root() / "01-arith" / "leak.cpp");
  fs::create_symlink("/etc", root() / "etc");
  const Intake intake = read_directory(root(), {});
  ASSERT_EQ(intake.refused, "");
  EXPECT_EQ(intake.files, (std::map<std::string, std::string>{{"01-arith/arith.cpp", "int x;"}}));
  std::vector<std::string> skipped = intake.skipped;
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped,
            (std::vector<std::string>{"symbolic link '01-arith/leak.cpp'",
                                      "symbolic link 'alias.cpp'", "symbolic link 'etc'"}));
}

TEST_F(DirectoryIntake, SkipsFifosAndRefusesOverLimits) {
  make("a.cpp", std::string(100, 'a'));
  IntakeLimits limits;
  limits.file_bytes = 99;
  EXPECT_EQ(read_directory(root(), limits).refused, "'a.cpp' is larger than 99 bytes");
  ASSERT_EQ(mkfifo((root() / "pipe").c_str(), 0600), 0);
  const Intake intake = read_directory(root(), {});
  EXPECT_EQ(intake.skipped,
            std::vector<std::string>{"special file 'pipe' (a device, FIFO or socket)"});
  EXPECT_EQ(intake.files.size(), 1u);
}

TEST(IntakeHash, ChangesWithAnyPathOrByte) {
  Intake a;
  a.files = {{"x/a.cpp", "1"}, {"b", "2"}};
  Intake b = a;
  EXPECT_EQ(intake_hash(a), intake_hash(b));
  b.files["b"] = "3";
  EXPECT_NE(intake_hash(a), intake_hash(b));
  Intake c;
  c.files = {{"x/a.cpp1", ""}, {"b", "2"}};
  EXPECT_NE(intake_hash(a), intake_hash(c));
}

TEST(Sha256, KnownAnswer) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(Sha256().field("ab").field("c").hex(), Sha256().field("a").field("bc").hex());
}

}  // namespace
}  // namespace grader
