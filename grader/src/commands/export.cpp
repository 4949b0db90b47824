// `grader export`: a student release of the course, without solutions/.
#include <chrono>

#include <fmt/format.h>

#include "commands/table.hpp"
#include "release/export_tree.hpp"

namespace grader {
namespace {

struct ExportOptions {
  std::filesystem::path out;
  bool withhold_hidden = false;
};

int run_export(const Context& context, const ExportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const ReleaseSummary summary = export_release(
      context.course,
      ReleaseRequest{.out = options.out, .withhold_hidden = options.withhold_hidden});
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  fmt::print(
      "exported {} files to {} in {:.2f} s; hidden suites {}\n", summary.files,
      options.out.string(), took.count(),
      options.withhold_hidden ? "withheld: its grader grades the visible tests" : "included");
  if (!summary.left_out.empty()) fmt::print("left out: {}\n", fmt::join(summary.left_out, ", "));
  return 0;
}

}  // namespace

CommandRun declare_export(Options& options) {
  auto values = std::make_shared<ExportOptions>();
  options.path("--out", values->out, "the new release directory (absent or empty)", Need::required);
  options.flag("--withhold-hidden", values->withhold_hidden,
               "leave out the hidden suites too; the release grades its visible tests");
  return [values](const Context& context) { return run_export(context, *values); };
}

}  // namespace grader
