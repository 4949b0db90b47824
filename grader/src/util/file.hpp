// util/file.hpp — reading a whole file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace grader {

/// Returns: the bytes of `path`, or nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace grader
