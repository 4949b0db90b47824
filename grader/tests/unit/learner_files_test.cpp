// Learner files that are not regular files are refused before any build.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "process/scratch_dir.hpp"
#include "sandbox/learner_files.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

class LearnerFiles : public testing::Test {
 protected:
  void SetUp() override {
    manifest_.id = "01-arith";
    manifest_.files = {"arith.cpp", "detail/impl.hpp"};
    fs::create_directories(exercise() / "detail");
    std::ofstream(exercise() / "arith.cpp") << "int x;\n";
  }
  fs::path exercise() const { return dir_.path() / "01-arith"; }
  std::string refused() const { return refused_learner_files(dir_.path(), manifest_); }

  ScratchDir dir_{"grader-learner-files-"};
  Manifest manifest_;
};

// Regular files pass, and a missing one is left to the build to report.
TEST_F(LearnerFiles, RegularAndMissing) {
  EXPECT_EQ(refused(), "");
}

// A link to /etc/passwd is refused, named by its place in the submission.
TEST_F(LearnerFiles, SymlinkedFile) {
  fs::remove(exercise() / "arith.cpp");
  fs::create_symlink("/etc/passwd", exercise() / "arith.cpp");
  EXPECT_EQ(
      refused(),
      "refused: 01-arith/arith.cpp is a symbolic link; a submission holds regular files only");
}

// A link anywhere on the way is refused too: the subdirectory or the exercise directory.
TEST_F(LearnerFiles, SymlinkedDirectories) {
  fs::remove_all(exercise() / "detail");
  fs::create_directory_symlink("/etc", exercise() / "detail");
  EXPECT_NE(refused().find("01-arith/detail is a symbolic link"), std::string::npos) << refused();
  fs::rename(exercise(), dir_.path() / "real");
  fs::create_directory_symlink(dir_.path() / "real", exercise());
  EXPECT_NE(refused().find("01-arith is a symbolic link"), std::string::npos) << refused();
}

// A FIFO would make the compiler wait forever.
TEST_F(LearnerFiles, Fifo) {
  ASSERT_EQ(mkfifo((exercise() / "detail" / "impl.hpp").c_str(), 0600), 0);
  EXPECT_EQ(refused(), "refused: 01-arith/detail/impl.hpp is not a regular file");
}

}  // namespace
}  // namespace grader
