#include "state/pristine.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace grader {

namespace fs = std::filesystem;

fs::path pristine_dir(const fs::path& course) {
  return course / "build" / "pristine";
}

void snapshot_pristine(const Course& course_value) {
  const fs::path& course = course_value.root();
  for (const CourseEntry& entry : course_value.entries()) {
    const fs::path target = pristine_dir(course) / entry.id;
    std::error_code ec;
    if (!entry.manifest || fs::exists(target, ec)) continue;
    // Copy into a temporary directory of this process's own, then rename: a half-taken
    // copy is never used, and two graders starting at once on a fresh checkout never fill
    // one directory together (the second rename fails on the first's copy, and is dropped).
    const fs::path partial =
        pristine_dir(course) / fmt::format(".{}.partial-{}", entry.id, getpid());
    fs::remove_all(partial, ec);
    bool complete = true;
    for (const std::string& file : entry.manifest->files) {
      fs::create_directories((partial / file).parent_path(), ec);
      complete = complete &&
                 fs::copy_file(course / "exercises" / entry.id / file, partial / file, ec) && !ec;
    }
    if (complete) fs::rename(partial, target, ec);
    if (!complete || ec) fs::remove_all(partial, ec);
  }
}

}  // namespace grader
