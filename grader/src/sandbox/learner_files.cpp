#include "sandbox/learner_files.hpp"

#include <fmt/format.h>

namespace grader {

namespace fs = std::filesystem;

std::string refused_learner_files(const fs::path& workspace, const Manifest& manifest) {
  const fs::path dir = workspace / manifest.id;
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(dir, ec)))
    return fmt::format("refused: {} is a symbolic link; a submission holds regular files only",
                       manifest.id);
  for (const std::string& file : manifest.files) {
    // The file may lie in subdirectories of the exercise: none of them may be a link.
    fs::path path = dir;
    for (const fs::path& part : fs::path(file)) {
      path /= part;
      const fs::file_status status = fs::symlink_status(path, ec);
      if (ec || !fs::exists(status)) break;  // missing: the build says so
      if (fs::is_symlink(status))
        return fmt::format(
            "refused: {}/{} is a symbolic link; a submission holds regular files only", manifest.id,
            path.lexically_relative(dir).string());
    }
    const fs::file_status status = fs::symlink_status(dir / file, ec);
    if (!ec && fs::exists(status) && !fs::is_regular_file(status))  // a FIFO would hang the build
      return fmt::format("refused: {}/{} is not a regular file", manifest.id, file);
  }
  return "";
}

}  // namespace grader
