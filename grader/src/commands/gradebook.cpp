// `grader gradebook OUT`: the class files (gradebook.csv, summary.*) rebuilt from the
// per-student results a batch left in OUT, after the shards of a class are all done.
// It grades nothing and may run any number of times.
#include <fmt/format.h>

#include "batch/class_files.hpp"
#include "commands/class_output.hpp"
#include "commands/table.hpp"
#include "util/errors.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct GradebookOptions {
  fs::path out;
  ClassOutputRequest output;
};

int run_gradebook(const GradebookOptions& options) {
  if (!fs::is_directory(options.out))
    throw UsageError(fmt::format("'{}' is not a directory", options.out.string()));
  const ClassOutput output = prepare_class_output(options.out, options.output);
  const ClassMerge merge = merge_class(options.out);
  const std::string notes = write_class_files(options.out, merge, output);
  fmt::print("{}{}", notes, class_summary_text(options.out, merge.summary));
  return 0;
}

}  // namespace

CommandRun declare_gradebook(Options& options) {
  auto values = std::make_shared<GradebookOptions>();
  options.path("out", values->out, "the --out of `grader batch` (every shard's)", Need::required);
  declare_class_output(options, values->output);
  return [values](const Context&) { return run_gradebook(*values); };
}

}  // namespace grader
