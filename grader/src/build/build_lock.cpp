#include "build/build_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <stdexcept>

namespace grader {

BuildDirLock::BuildDirLock(const std::filesystem::path& dir,
                           const std::function<void(const std::string&)>& waiting) {
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / ".grader.lock";
  fd_ = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot open the lock file " + file.string());
  if (flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
  if (waiting) waiting("waiting for another grader that is using " + dir.string());
  flock(fd_, LOCK_EX);
}

BuildDirLock::~BuildDirLock() {
  if (fd_ >= 0) close(fd_);  // closing releases the lock
}

}  // namespace grader
