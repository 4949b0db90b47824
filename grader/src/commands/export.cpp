#include <chrono>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "release/export_tree.hpp"

namespace grader {

int run_export(const GlobalOptions& global, const std::filesystem::path& out,
               bool withhold_hidden) {
  const auto start = std::chrono::steady_clock::now();
  const ReleaseSummary summary =
      export_release(ReleaseRequest{global.course, out, withhold_hidden});
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  fmt::print("exported {} files to {} in {:.2f} s; hidden suites {}\n", summary.files, out.string(),
             took.count(),
             withhold_hidden ? "withheld: its grader grades the visible tests" : "included");
  if (!summary.left_out.empty()) fmt::print("left out: {}\n", fmt::join(summary.left_out, ", "));
  return 0;
}

}  // namespace grader
