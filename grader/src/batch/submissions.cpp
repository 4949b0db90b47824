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
      found[i].student += "~" + sha256_hex(found[i].path.filename().string()).substr(0, 8);
    }
  }
  std::sort(found.begin(), found.end(),
            [](const Submission& a, const Submission& b) { return a.student < b.student; });
  return found;
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
