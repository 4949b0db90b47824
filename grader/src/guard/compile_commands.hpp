// guard/compile_commands.hpp — the compile command of each learner source, from the
// `compile_commands.json` CMake writes into the tree's build directory
// (CMAKE_EXPORT_COMPILE_COMMANDS in cmake/tree), turned into a `-E` command.
//
// The guard preprocesses a learner file with the very flags of its build: the sanitizer
// flags change what the headers define, and a learner file could test any macro.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// One entry of compile_commands.json. Invariant: `file` and `directory` are absolute;
/// `argv` holds `file` as one of its arguments.
struct CompileCommand {
  std::filesystem::path directory;  ///< where the compiler runs
  std::vector<std::string> argv;
  std::filesystem::path file;  ///< the source it compiles
  /// The object, relative to `directory` (CMakeFiles/<target>.dir/...): the entry's "output",
  /// or its `-o` argument where CMake writes no "output".
  std::string output;

  /// Returns: the CMake target the object belongs to ("lib-02-x"), or "" when unknown.
  std::string target() const;
};

/// Returns: the words of a shell command line as CMake writes them (quotes and backslashes
/// undone).
std::vector<std::string> split_command(std::string_view command);

/// Returns: the entries of the compile_commands.json text `json`; an entry it cannot read is
/// skipped. Throws: nothing; a text that is not JSON gives no entries.
std::vector<CompileCommand> parse_compile_commands(std::string_view json);

/// Returns: `command` turned into one that preprocesses `source` (a learner file, perhaps a
/// header, which is then read as C++) into `output`: its `-c`, `-o`, dependency-file and
/// forced-include (precompiled header) options dropped, `-E -o output` added.
std::vector<std::string> preprocess_argv(const CompileCommand& command,
                                         const std::filesystem::path& source,
                                         const std::filesystem::path& output);

}  // namespace grader
