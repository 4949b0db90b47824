// Reading a submission given as a directory, without following any link.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "batch/intake.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// Reads at most limit + 1 bytes of `file`, so an oversized file is seen without reading it
// all. Opened without following a link and without blocking on a FIFO, and read only when
// it is a regular file: it may have been replaced since it was listed.
std::optional<std::string> read_capped(const fs::path& file, std::uint64_t limit) {
  const int fd = open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  std::optional<std::string> content;
  if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    content.emplace();
    std::array<char, 1 << 16> buffer{};
    ssize_t n = 0;
    while (content->size() <= limit && (n = read(fd, buffer.data(), buffer.size())) > 0)
      content->append(buffer.data(), static_cast<std::size_t>(n));
    if (n < 0) content.reset();
  }
  close(fd);
  return content;
}

}  // namespace

Intake read_directory(const fs::path& dir, const IntakeLimits& limits) {
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec) return Intake{.refused = "unreadable directory: " + printable_name(ec.message())};
  Intake intake;
  std::uint64_t total = 0;
  std::size_t entries = 0;
  fs::recursive_directory_iterator it(root, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++entries > limits.entries)
      return Intake{.refused =
                        fmt::format("more than {} entries in the directory", limits.entries)};
    const fs::path relative = it->path().lexically_relative(root);
    const std::string name = printable_name(relative.string());
    const fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_directory(status)) continue;
    if (fs::is_symlink(status)) {
      intake.skipped.push_back(fmt::format("symbolic link '{}'", name));
      continue;
    }
    if (!fs::is_regular_file(status)) {
      intake.skipped.push_back(fmt::format("special file '{}' (a device, FIFO or socket)", name));
      continue;
    }
    std::optional<std::string> content = read_capped(it->path(), limits.file_bytes);
    if (!content) return Intake{.refused = fmt::format("unreadable file '{}'", name)};
    if (content->size() > limits.file_bytes)
      return Intake{.refused =
                        fmt::format("'{}' is larger than {} bytes", name, limits.file_bytes)};
    total += content->size();
    if (total > limits.total_bytes)
      return Intake{.refused = fmt::format("more than {} bytes in all", limits.total_bytes)};
    intake.files[relative.generic_string()] = std::move(*content);
  }
  if (ec) return Intake{.refused = "unreadable directory: " + printable_name(ec.message())};
  return intake;
}

}  // namespace grader
