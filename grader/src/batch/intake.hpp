// batch/intake.hpp — one student's submission read into memory, or refused.
//
// A submission is untrusted input: an archive may try to write outside where it is
// unpacked, smuggle links or devices, or expand to gigabytes. Nothing is written to
// disk from it: its regular files are read into memory under limits, and only the
// files a manifest names are later written, at paths the course chose.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

struct IntakeLimits {
  std::uint64_t total_bytes = 64ull << 20;  ///< all files together, counted as they are read
  std::uint64_t file_bytes = 8ull << 20;    ///< one file
  std::size_t entries = 10000;              ///< files, directories and anything else
};

/// Invariant: `files` and `skipped` are empty when `refused` is set.
struct Intake {
  /// Relative path ("01-arith/arith.cpp": no "..", no "." or empty components) -> content.
  std::map<std::string, std::string> files;
  /// One line per entry not taken, naming it: a symbolic or hard link (never followed:
  /// it would make the grader read what it points at), a device, FIFO or socket.
  std::vector<std::string> skipped;
  std::string refused;  ///< one line: why the whole submission is refused; empty: accepted
};

/// Returns: `intake`, refused as a whole with the reason of its first skipped entry when
/// it skipped any (batch grades a submission only when it holds nothing but plain files).
Intake refuse_if_skipped(Intake intake);

/// Returns: `raw` (an entry's path, any bytes) as a relative path with "." and empty
/// components dropped ("" for the submission's root), or sets `why` and returns
/// nullopt when it is absolute or has a ".." component ('/' and '\' both separate).
std::optional<std::string> checked_relative_path(std::string_view raw, std::string& why);

/// Returns: `raw` as a short, printable, valid UTF-8 one-liner for a refusal reason:
/// invalid bytes replaced, control characters shown as '?', cut at about 80 bytes.
std::string printable_name(std::string_view raw);

/// Effects: reads the .zip (`zip` true) or .tar.gz archive `file`, checking every entry.
/// Returns: its regular files, each link, device, FIFO or socket skipped; refused (one
/// line) for a path that is absolute or has "..", too many entries, a file or
/// a total over `limits` (bytes counted as decompressed, whatever the headers claim),
/// or an archive that cannot be read. Throws: nothing but std::bad_alloc.
Intake read_archive(const std::filesystem::path& file, bool zip, const IntakeLimits& limits);

/// Effects: reads the directory `dir` recursively, never following a link.
/// Returns: its regular files, each link, device, FIFO or socket skipped; refused for
/// too many entries, sizes over `limits`, or an unreadable entry.
/// Throws: nothing but std::bad_alloc.
Intake read_directory(const std::filesystem::path& dir, const IntakeLimits& limits);

/// Returns: a SHA-256 (hex) of every file of `intake`, path and content: equal exactly
/// when the two submissions hold the same files.
std::string intake_hash(const Intake& intake);

}  // namespace grader
