// The learner's allocator built for a Cortex-M3 and run bare-metal under QEMU.
#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <string>

#include "command.hpp"

namespace {

namespace fs = std::filesystem;

// The harness (startup code, semihosting, the checks) and its linker script, copied
// into the build directory: a sandboxed run cannot read grader/suites.
const fs::path kHarnessDir = fs::path(MW_SUITE_DATA_DIR) / "baremetal";

// Flags of a freestanding Cortex-M3 build. -fno-tree-loop-distribute-patterns
// keeps GCC from turning the harness's own memset loop into a call to memset.
const std::string kFlags =
    "-std=c++20 -mcpu=cortex-m3 -mthumb -ffreestanding -fno-exceptions -fno-rtti "
    "-fno-asynchronous-unwind-tables -fno-stack-protector -fno-tree-loop-distribute-patterns -O2";

/// A fresh directory under the system temporary directory, removed on exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mw-05-baremetal-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Built with no C library, linked against nothing but libgcc, the allocator
// passes a randomized alloc/free run on a Cortex-M3 under QEMU (kills any
// libc or runtime dependency, 64-bit assumptions such as an 8-byte pointer or
// a 16-byte max_align_t, and every bug the host tests catch, on real hardware
// rules). Skipped when the ARM toolchain or QEMU is not installed.
TEST(BareMetal, RunsUnderQemuOnCortexM3) {
  if (!mwtest05::on_path("arm-none-eabi-g++") || !mwtest05::on_path("qemu-system-arm")) {
    GTEST_SKIP() << "arm-none-eabi-g++ or qemu-system-arm is not installed "
                    "(scripts/setup --with-cross installs them)";
  }
  TempDir dir;
  ASSERT_FALSE(dir.path().empty()) << "cannot create a temporary directory";
  const std::string compiler = "arm-none-eabi-g++ " + kFlags;

  // A toolchain without its C++ headers is an incomplete installation, not a learner error.
  const fs::path probe = dir.path() / "probe.cpp";
  mwtest05::run("echo '#include <cstddef>' > " + mwtest05::quoted(probe.string()));
  if (mwtest05::run(compiler + " -fsyntax-only " + mwtest05::quoted(probe.string())).status != 0) {
    GTEST_SKIP() << "arm-none-eabi-g++ has no C++ headers (install libstdc++-arm-none-eabi-dev)";
  }

  const fs::path elf = dir.path() / "allocator.elf";
  const fs::path tree = MW_TREE_DIR;
  const auto build = mwtest05::run(compiler + " -nostdlib -nostartfiles -T " +
                                   mwtest05::quoted((kHarnessDir / "link.ld").string()) + " -I " +
                                   mwtest05::quoted(tree.string()) + " " +
                                   mwtest05::quoted((kHarnessDir / "harness.cpp").string()) + " " +
                                   mwtest05::quoted((tree / "free_list.cpp").string()) +
                                   " -lgcc -o " + mwtest05::quoted(elf.string()));
  ASSERT_EQ(build.status, 0) << "the Cortex-M3 build failed (an undefined reference means a "
                                "libc or runtime symbol the bare-metal target does not have):\n"
                             << build.output;

  // The harness exits through semihosting; the timeout stops a run that hangs.
  const auto result = mwtest05::run(
      "timeout --kill-after=5 30 qemu-system-arm -M lm3s6965evb -nographic -monitor none "
      "-semihosting-config enable=on,target=native -kernel " +
      mwtest05::quoted(elf.string()) + " < /dev/null");
  ASSERT_NE(result.status, 124) << "the bare-metal run did not finish within 30 s";
  EXPECT_EQ(result.status, 0) << result.output;
}

}  // namespace
