// Reading a .zip or .tar.gz submission with libarchive, entry by entry, into memory.
#include <archive.h>
#include <archive_entry.h>

#include <array>
#include <memory>

#include <fmt/format.h>

#include "batch/intake.hpp"

namespace grader {
namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveCloser>;

std::string error_of(archive* a) {
  const char* text = archive_error_string(a);
  return printable_name(text != nullptr ? text : "unknown error");
}

// Why the entry's type is refused, or "" for a regular file or a directory.
std::string refused_type(archive_entry* entry, const std::string& name) {
  if (archive_entry_hardlink(entry) != nullptr) return fmt::format("hard link '{}'", name);
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
    case AE_IFDIR:
      return "";
    case AE_IFLNK:
      return fmt::format("symbolic link '{}'", name);
    default:
      return fmt::format("special file '{}' (a device, FIFO or socket)", name);
  }
}

}  // namespace

Intake read_archive(const std::filesystem::path& file, bool zip, const IntakeLimits& limits) {
  const ArchiveReader reader(archive_read_new());
  archive* a = reader.get();
  if (a == nullptr) return Intake{.refused = "the archive reader could not be created"};
  // Only the formats the extension promises: no other libarchive parser sees student input.
  if (zip) {
    archive_read_support_format_zip(a);
  } else {
    archive_read_support_filter_gzip(a);
    archive_read_support_format_tar(a);
  }
  if (archive_read_open_filename(a, file.c_str(), 1 << 16) != ARCHIVE_OK)
    return Intake{.refused = "unreadable archive: " + error_of(a)};

  Intake intake;
  std::uint64_t total = 0;
  std::size_t entries = 0;
  std::array<char, 1 << 16> buffer{};
  for (;;) {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(a, &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) return Intake{.refused = "unreadable archive: " + error_of(a)};
    if (++entries > limits.entries)
      return Intake{.refused = fmt::format("more than {} entries in the archive", limits.entries)};
    const char* raw = archive_entry_pathname(entry);
    if (raw == nullptr) return Intake{.refused = "an archive entry whose name cannot be read"};
    const std::string name = printable_name(raw);
    std::string why;
    const std::optional<std::string> path = checked_relative_path(raw, why);
    if (!path) return Intake{.refused = why};
    why = refused_type(entry, name);
    if (!why.empty()) {
      intake.skipped.push_back(std::move(why));
      continue;  // libarchive skips its data
    }
    if (archive_entry_filetype(entry) == AE_IFDIR || path->empty()) continue;

    std::string content;
    for (;;) {
      const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0)
        return Intake{.refused = fmt::format("unreadable entry '{}': {}", name, error_of(a))};
      content.append(buffer.data(), static_cast<std::size_t>(n));
      total += static_cast<std::uint64_t>(n);
      if (content.size() > limits.file_bytes)
        return Intake{.refused = fmt::format("'{}' is larger than {} bytes uncompressed", name,
                                             limits.file_bytes)};
      if (total > limits.total_bytes)
        return Intake{
            .refused = fmt::format("more than {} bytes uncompressed in all", limits.total_bytes)};
    }
    intake.files[*path] = std::move(content);
  }
  return intake;
}

}  // namespace grader
