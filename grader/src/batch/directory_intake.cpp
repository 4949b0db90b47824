// Reading a submission given as a directory, without following links out of it.
#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "batch/intake.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

Intake refuse(std::string why) {
  Intake intake;
  intake.refused = std::move(why);
  return intake;
}

// Reads at most limit + 1 bytes of `file`, so an oversized file is seen without reading it all.
std::optional<std::string> read_capped(const fs::path& file, std::uint64_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content;
  std::array<char, 1 << 16> buffer{};
  while (content.size() <= limit && in.read(buffer.data(), buffer.size()).gcount() > 0)
    content.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return std::nullopt;
  return content;
}

}  // namespace

Intake read_directory(const fs::path& dir, const IntakeLimits& limits) {
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec) return refuse("unreadable directory: " + printable_name(ec.message()));
  Intake intake;
  std::uint64_t total = 0;
  std::size_t entries = 0;
  fs::recursive_directory_iterator it(root, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++entries > limits.entries)
      return refuse(fmt::format("more than {} entries in the directory", limits.entries));
    const fs::path relative = it->path().lexically_relative(root);
    const std::string name = printable_name(relative.string());
    const fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    fs::path source = it->path();
    if (fs::is_symlink(status)) {
      const fs::path target = fs::canonical(source, ec);
      if (ec || !is_within(target, root))
        return refuse(fmt::format("symbolic link '{}' leads outside the submission", name));
      if (!fs::is_regular_file(target))
        return refuse(fmt::format("symbolic link '{}' does not lead to a regular file", name));
      source = target;
    } else if (fs::is_directory(status)) {
      continue;
    } else if (!fs::is_regular_file(status)) {
      return refuse(fmt::format("special file '{}' (a device, FIFO or socket)", name));
    }
    std::optional<std::string> content = read_capped(source, limits.file_bytes);
    if (!content) return refuse(fmt::format("unreadable file '{}'", name));
    if (content->size() > limits.file_bytes)
      return refuse(fmt::format("'{}' is larger than {} bytes", name, limits.file_bytes));
    total += content->size();
    if (total > limits.total_bytes)
      return refuse(fmt::format("more than {} bytes in all", limits.total_bytes));
    intake.files[relative.generic_string()] = std::move(*content);
  }
  if (ec) return refuse("unreadable directory: " + printable_name(ec.message()));
  return intake;
}

}  // namespace grader
