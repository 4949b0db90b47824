#include "batch/submissions.hpp"

#include <algorithm>
#include <map>

#include "util/sha256.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

bool ends_with_lower(const std::string& name, std::string_view suffix) {
  if (name.size() <= suffix.size()) return false;
  std::string tail = name.substr(name.size() - suffix.size());
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == suffix;
}

// The kind of the entry, and its name without the extension that told it.
std::pair<SubmissionKind, std::string> classify(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  std::error_code ec;
  if (entry.is_directory(ec) && !entry.is_symlink(ec)) return {SubmissionKind::directory, name};
  if (!entry.is_regular_file(ec) || entry.is_symlink(ec))
    return {SubmissionKind::unsupported, name};
  for (const auto& [suffix, kind] :
       {std::pair<std::string_view, SubmissionKind>{".zip", SubmissionKind::zip},
        {".tar.gz", SubmissionKind::tar_gz},
        {".tgz", SubmissionKind::tar_gz}}) {
    if (ends_with_lower(name, suffix)) return {kind, name.substr(0, name.size() - suffix.size())};
  }
  return {SubmissionKind::unsupported, name};
}

// `stem` made valid UTF-8 without control characters; sets `changed` when it had to be.
std::string safe_name(const std::string& stem, bool& changed) {
  std::string name = to_valid_utf8(stem);
  for (char& c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = '_';
  }
  changed = name != stem || name.empty();
  return name;
}

// `name` told apart: "~" and 8 hex digits of the SHA-256 of the raw name of `entry`.
std::string with_raw_name_hash(const std::string& name, const fs::path& entry) {
  constexpr std::size_t kHashDigits = 8;
  return name + "~" + sha256_hex(entry.filename().string()).substr(0, kHashDigits);
}

}  // namespace

std::vector<Submission> list_submissions(const fs::path& dir) {
  std::vector<Submission> found;
  std::vector<bool> changed;
  std::map<std::string, int> uses;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const std::string raw = entry.path().filename().string();
    if (raw.front() == '.') continue;  // .DS_Store, editor files, a hidden work directory
    auto [kind, stem] = classify(entry);
    bool was_changed = false;
    std::string name = safe_name(stem, was_changed);
    ++uses[name];
    found.push_back(Submission{std::move(name), entry.path(), kind});
    changed.push_back(was_changed);
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (changed[i] || uses[found[i].student] > 1) {
      found[i].student = with_raw_name_hash(found[i].student, found[i].path);
    }
  }
  std::sort(found.begin(), found.end(),
            [](const Submission& a, const Submission& b) { return a.student < b.student; });
  return found;
}

Submission submission_at(const fs::path& path) {
  // "/autograder/submission/" names the directory "submission", not "".
  const fs::path named = path.has_filename() ? path : path.parent_path();
  std::error_code ec;
  const fs::directory_entry entry(named, ec);
  auto [kind, stem] = classify(entry);
  bool changed = false;
  std::string name = safe_name(stem, changed);
  if (changed) name = with_raw_name_hash(name, named);
  return Submission{.student = std::move(name), .path = named, .kind = kind};
}

Intake read_submission(const Submission& submission, const IntakeLimits& limits) {
  switch (submission.kind) {
    case SubmissionKind::directory:
      return read_directory(submission.path, limits);
    case SubmissionKind::zip:
      return read_archive(submission.path, true, limits);
    case SubmissionKind::tar_gz:
      return read_archive(submission.path, false, limits);
    case SubmissionKind::unsupported:
      break;
  }
  Intake intake;
  intake.refused = "not a directory, .zip, .tar.gz or .tgz";
  return intake;
}

}  // namespace grader
