// build/compiler_cache.hpp — a compiler cache (ccache) shared by the tree builds of a batch.
//
// Every student's tree compiles the same student-independent objects (the harness main,
// the precompiled gtest.h, the given files, suite sources that include no learner file)
// and, when two students hand in the same header, the same suite objects. ccache, as the
// compiler launcher of the tree builds, compiles each of them once per batch. Pure: only
// the environment and the CMake arguments of a build, so they can be unit-tested.
//
// A shared cache is a way to forge verdicts: whatever can write into it can plant an
// object (or a ccache.conf naming a compiler of its own) that the next student's build
// picks up. Only a confined build step, which runs no learner code, may write it; the
// grader uses it only when the suite runs are confined too and cannot see it
// (grading/grade.cpp, sandbox/policies.cpp).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace grader {

struct CompilerCache {
  std::string program;             ///< the ccache executable, an absolute path
  std::filesystem::path dir;       ///< the cache directory (CCACHE_DIR)
  std::filesystem::path base_dir;  ///< paths below it hash alike (CCACHE_BASEDIR); may be empty
};

/// Returns: the environment a build step through `cache` gets: its directory, its base
/// directory, no working directory in the hash (each student's build directory differs),
/// depend mode (no preprocessor run beside the compiler on a miss), the
/// sloppiness ccache's manual asks for precompiled headers made in the same build, and its
/// temporary files in the build's own /tmp.
std::map<std::string, std::string> compiler_cache_env(const CompilerCache& cache);

/// Returns: the CMake arguments that make a tree build compile through `program` (a compiler
/// launcher for C and C++), or through no launcher when `program` is empty.
std::vector<std::string> compiler_launcher_args(const std::string& program);

/// Returns: the base directory for a tree whose learner files are under `workspace` and
/// whose build is `build_dir`: their deepest common directory, so the learner's paths and
/// the build's hash alike for every student; empty when that is `/` or holds `course` (the
/// course's paths stay absolute: the harness recognises a hidden suite's source by its
/// absolute path). All paths absolute and normal.
std::filesystem::path cache_base_dir(const std::filesystem::path& workspace,
                                     const std::filesystem::path& build_dir,
                                     const std::filesystem::path& course);

}  // namespace grader
