// util/file.hpp — reading a whole file, and writing one so no reader sees half of it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "util/timestamp.hpp"

namespace grader {

/// Returns: the bytes of `path`, or nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// Returns: when `path` itself (a link is not followed) was last modified, to the second, or
/// nullopt when it cannot be told.
std::optional<Instant> modification_time(const std::filesystem::path& path);

/// Returns: whether `path` is `dir` or lies under it, component by component.
/// Requires: both are absolute and normal (canonical), so ".." cannot fool it.
bool is_within(const std::filesystem::path& path, const std::filesystem::path& dir);

/// Returns: whether `inner` is `outer` or lies below it, comparing the paths as written:
/// "." and ".." components and trailing separators are resolved, links are not followed.
/// Requires: both are absolute.
bool lexically_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

/// Effects: writes `text` to `path` atomically: to a temporary file in the same
/// directory, flushed, then renamed over `path`, so a reader sees the old file or
/// the new one, never half of one. Throws: SetupError naming the path.
void write_atomically(const std::filesystem::path& path, const std::string& text);

/// Returns: the identity of the file at `path` (size, inode and modification time to the
/// nanosecond), which a linker or compiler writing a new file changes; "" when there is none.
/// Cheaper than a digest, for files only our own build writes.
std::string file_identity(const std::filesystem::path& path);

}  // namespace grader
