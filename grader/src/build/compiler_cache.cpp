#include "build/compiler_cache.hpp"

#include <algorithm>

#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// ccache's manual, "Precompiled headers": with a header precompiled in the same build,
// ccache cannot see __TIME__ and the like, nor #defines, through the .gch (pch_defines,
// time_macros), and the .gch is always newer than the compilation that starts right after
// it is made (include_file_mtime, include_file_ctime: the build orders them, so the race
// those checks guard against does not happen).
constexpr const char* kSloppiness = "pch_defines,time_macros,include_file_mtime,include_file_ctime";

// Inside the build's sandbox /tmp is its own, in memory: ccache's temporary files never
// reach the (possibly network) cache directory.
constexpr const char* kTemporaryDir = "/tmp/ccache-tmp";

}  // namespace

std::map<std::string, std::string> compiler_cache_env(const CompilerCache& cache) {
  std::map<std::string, std::string> env = {
      {"CCACHE_DIR", cache.dir.string()},
      // With -g the working directory is in the object's debug info, and ccache hashes it
      // by default: every student's build directory would miss.
      {"CCACHE_NOHASHDIR", "1"},
      // Depend mode: a miss is compiled once, its headers read from the compiler's -MD
      // output, where ccache would otherwise also run the preprocessor to hash its output.
      // Every suite object that includes a learner's header misses for each student.
      {"CCACHE_DEPEND", "1"},
      {"CCACHE_SLOPPINESS", kSloppiness},
      {"CCACHE_TEMPDIR", kTemporaryDir},
  };
  if (!cache.base_dir.empty()) env["CCACHE_BASEDIR"] = cache.base_dir.string();
  return env;
}

std::vector<std::string> compiler_launcher_args(const std::string& program) {
  return {"-DCMAKE_CXX_COMPILER_LAUNCHER=" + program, "-DCMAKE_C_COMPILER_LAUNCHER=" + program};
}

fs::path cache_base_dir(const fs::path& workspace, const fs::path& build_dir,
                        const fs::path& course) {
  fs::path common;
  auto a = workspace.begin();
  auto b = build_dir.begin();
  for (; a != workspace.end() && b != build_dir.end() && *a == *b; ++a, ++b) common /= *a;
  if (common.empty() || common == common.root_path()) return {};
  if (lexically_within(course, common)) return {};
  return common;
}

}  // namespace grader
