// The compiler cache a batch's tree builds share: the environment and CMake arguments of a
// build through it, and which directory its paths are hashed relative to.
#include "build/compiler_cache.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

namespace fs = std::filesystem;

// Every setting that makes two students' builds hash alike, and the temporary files in the
// build's own /tmp.
TEST(CompilerCache, EnvironmentOfABuildStep) {
  const std::map<std::string, std::string> env = compiler_cache_env(
      {.program = "/usr/bin/ccache", .dir = "/grades/ccache", .base_dir = "/grades/work/ann"});
  EXPECT_EQ(
      env,
      (std::map<std::string, std::string>{
          {"CCACHE_BASEDIR", "/grades/work/ann"},
          {"CCACHE_DEPEND", "1"},
          {"CCACHE_DIR", "/grades/ccache"},
          {"CCACHE_NOHASHDIR", "1"},
          {"CCACHE_SLOPPINESS", "pch_defines,time_macros,include_file_mtime,include_file_ctime"},
          {"CCACHE_TEMPDIR", "/tmp/ccache-tmp"}}));
  EXPECT_EQ(compiler_cache_env({.program = "ccache", .dir = "/c", .base_dir = {}})
                .count("CCACHE_BASEDIR"),
            0u);
}

// The launcher for both languages; an empty one takes a launcher configured before away.
TEST(CompilerCache, LauncherArguments) {
  EXPECT_EQ(compiler_launcher_args("/usr/bin/ccache"),
            (std::vector<std::string>{"-DCMAKE_CXX_COMPILER_LAUNCHER=/usr/bin/ccache",
                                      "-DCMAKE_C_COMPILER_LAUNCHER=/usr/bin/ccache"}));
  EXPECT_EQ(compiler_launcher_args(""), (std::vector<std::string>{"-DCMAKE_CXX_COMPILER_LAUNCHER=",
                                                                  "-DCMAKE_C_COMPILER_LAUNCHER="}));
}

// A batch student's workspace and build share their work directory; a directory that holds
// the course, or the root, is no base (the course's paths must stay absolute).
TEST(CompilerCache, BaseDirectory) {
  EXPECT_EQ(cache_base_dir("/g/work/ann/exercises", "/g/work/ann/build", "/course"),
            fs::path("/g/work/ann"));
  EXPECT_EQ(cache_base_dir("/course/build/out/work/ann/exercises",
                           "/course/build/out/work/ann/build", "/course"),
            fs::path("/course/build/out/work/ann"));
  EXPECT_EQ(cache_base_dir("/course/exercises", "/course/build/trees/exercises", "/course"),
            fs::path());
  EXPECT_EQ(cache_base_dir("/home/ann/ws", "/var/build", "/course"), fs::path());
  EXPECT_EQ(cache_base_dir("/home/ann/ws", "/home/ann/build", "/home/ann/course"), fs::path());
}

}  // namespace
}  // namespace grader
