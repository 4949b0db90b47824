#include <gtest/gtest.h>

#include <algorithm>

#include "build/tree_build.hpp"
#include "util/errors.hpp"

namespace grader {
namespace {

bool has_arg(const TreeToolchain& toolchain, const std::string& arg) {
  return std::find(toolchain.cmake_args.begin(), toolchain.cmake_args.end(), arg) !=
         toolchain.cmake_args.end();
}

// Unset, empty or "gcc": CMake's default compiler, in the build directories as they were.
TEST(TreeToolchain, DefaultAddsNothing) {
  for (const char* name : {"", "gcc"}) {
    const TreeToolchain toolchain = tree_toolchain_named(name);
    EXPECT_EQ(toolchain.name, "gcc");
    EXPECT_TRUE(toolchain.compiler.empty());
    EXPECT_TRUE(toolchain.cmake_args.empty());
    EXPECT_EQ(toolchain.build_dir_suffix, "");
    EXPECT_TRUE(toolchain.sanitizer_options.empty());
    EXPECT_TRUE(toolchain.thread_sanitizer_options.empty());
  }
}

// "clang": clang++-16 compiling and linking against libc++, in build directories of its own.
TEST(TreeToolchain, ClangIsClang16WithLibcxx) {
  const TreeToolchain toolchain = tree_toolchain_named("clang");
  EXPECT_EQ(toolchain.compiler, "clang++-16");
  EXPECT_TRUE(has_arg(toolchain, "-DCMAKE_CXX_COMPILER=clang++-16"));
  EXPECT_TRUE(has_arg(toolchain, "-DCMAKE_CXX_FLAGS=-stdlib=libc++"));
  EXPECT_TRUE(has_arg(toolchain, "-DCMAKE_EXE_LINKER_FLAGS=-stdlib=libc++"));
  EXPECT_EQ(toolchain.build_dir_suffix, "-clang");
  // clang's sanitizers name functions and lines only with a symbolizer they are told of.
  EXPECT_NE(toolchain.sanitizer_options.find("external_symbolizer_path="), std::string::npos);
  // libc++.so is not built with TSan: what it does unseen must not be reported as a race.
  EXPECT_EQ(toolchain.thread_sanitizer_options, "ignore_noninstrumented_modules=1");
}

TEST(TreeToolchain, UnknownNameIsAUsageError) {
  EXPECT_THROW(tree_toolchain_named("msvc"), UsageError);
}

// A compiler that is not installed is one line that says how to install it.
TEST(TreeToolchain, MissingCompilerSaysHowToInstallIt) {
  TreeToolchain toolchain = tree_toolchain_named("clang");
  toolchain.compiler = "clang++-no-such-version";
  try {
    require_installed(toolchain);
    FAIL() << "require_installed accepted a compiler that is not installed";
  } catch (const SetupError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("scripts/setup --with-clang"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
  EXPECT_NO_THROW(require_installed(tree_toolchain_named("gcc")));
}

}  // namespace
}  // namespace grader
