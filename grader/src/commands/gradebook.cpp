// `grader gradebook OUT`: the class files (gradebook.csv, summary.*) rebuilt from the
// per-student results a batch left in OUT, after the shards of a class are all done.
// It grades nothing and may run any number of times.
#include <fmt/format.h>

#include "batch/class_files.hpp"
#include "commands/table.hpp"
#include "util/errors.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

int run_gradebook(const fs::path& out) {
  if (!fs::is_directory(out))
    throw UsageError(fmt::format("'{}' is not a directory", out.string()));
  const ClassMerge merge = merge_class(out);
  write_class_files(out, merge);
  fmt::print("{}", class_summary_text(out, merge.summary));
  return 0;
}

}  // namespace

CommandRun declare_gradebook(Options& options) {
  auto out = std::make_shared<fs::path>();
  options.path("out", *out, "the --out of `grader batch` (every shard's)", Need::required);
  return [out](const Context&) { return run_gradebook(*out); };
}

}  // namespace grader
