// mdriver — the trace-driven allocator harness of exercise 04, after CS:APP's malloc-lab
// driver: every allocator is first CHECKED on every trace (alignment, overlap, payload),
// then MEASURED (median throughput over repetitions, utilization), and the results are
// printed as a table and drawn as an SVG chart of throughput relative to glibc.
//
//   mdriver [TRACE...] [--repetitions N] [--svg FILE]
//
// Without traces it runs the shipped ones and the workload of exercise 04. All allocators
// run in this one process, one after the other, so every ratio compares numbers taken on
// the same machine within seconds of each other.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "allocator.hpp"
#include "checker.hpp"
#include "stats.hpp"
#include "svg_chart.hpp"
#include "trace.hpp"
#include "workload.hpp"

namespace {

using namespace mw::bench;
using Factory = std::unique_ptr<AllocatorUnderTest> (*)();

/// glibc first: it is the baseline of every ratio.
constexpr std::pair<const char*, Factory> allocators[] = {
    {"glibc", make_glibc_allocator},
    {"mimalloc", make_mimalloc_allocator},
    {"jemalloc", make_jemalloc_allocator},
    {"bump", make_bump_allocator},
};

std::vector<Trace> load_traces(const std::vector<std::string>& paths) {
  std::vector<Trace> traces;
  if (paths.empty()) {
    for (const char* name : {"game-loop.rep", "fixed-churn.rep", "mixed-realloc.rep"}) {
      traces.push_back(load_trace(std::filesystem::path(MW_TRACES_DIR) / name));
    }
    traces.push_back(make_workload(1));
  }
  for (const std::string& path : paths) traces.push_back(load_trace(path));
  return traces;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("mdriver: check and measure allocators on allocation traces");
  std::vector<std::string> paths;
  int repetitions = 11;
  std::string svg_path = "mdriver.svg";
  app.add_option("traces", paths, "trace files (default: the shipped traces and the workload)");
  app.add_option("-r,--repetitions", repetitions, "timed replays per allocator and trace")
      ->check(CLI::PositiveNumber);
  app.add_option("--svg", svg_path, "where to write the chart");
  CLI11_PARSE(app, argc, argv);

  const std::vector<Trace> traces = load_traces(paths);
  bool all_correct = true;
  std::vector<BarGroup> chart;
  std::vector<double> log_ratio_sums(std::size(allocators), 0.0);

  fmt::print("{:<16} {:<10} {:>8} {:>12} {:>10} {:>12}\n", "trace", "allocator", "ops",
             "Mops/s", "x glibc", "utilization");
  for (const Trace& trace : traces) {
    BarGroup group{trace.name, {}};
    double baseline = 0;
    for (std::size_t a = 0; a < std::size(allocators); ++a) {
      const auto& [name, make] = allocators[a];
      // A fresh allocator for each pass, so one pass's cached memory is not the next one's.
      if (const auto violation = check_trace(trace, *make())) {
        fmt::print("{:<16} {:<10} FAILED the check: {}\n", trace.name, name, violation->message);
        all_correct = false;
        group.values.push_back(1e-3);  // drawn as (almost) nothing
        continue;
      }
      const Result result = measure(trace, *make(), repetitions);
      if (a == 0) baseline = result.ops_per_second;
      const double ratio = result.ops_per_second / baseline;
      log_ratio_sums[a] += std::log(ratio);
      group.values.push_back(ratio);
      fmt::print("{:<16} {:<10} {:>8} {:>12.1f} {:>10.2f} {:>11.1f}%\n", trace.name, name,
                 trace.ops.size(), result.ops_per_second / 1e6, ratio, 100 * result.utilization);
    }
    chart.push_back(std::move(group));
  }
  fmt::print("\ngeometric mean of the throughput ratios to glibc:");
  for (std::size_t a = 0; a < std::size(allocators); ++a) {
    fmt::print("  {} {:.2f}x", allocators[a].first,
               std::exp(log_ratio_sums[a] / static_cast<double>(traces.size())));
  }
  fmt::print("\n");

  std::vector<std::string> series;
  for (const auto& [name, make] : allocators) series.emplace_back(name);
  std::ofstream(svg_path) << bar_chart_svg(
      fmt::format("Throughput relative to glibc malloc (median of {} runs)", repetitions), series,
      chart, 1.0);
  fmt::print("chart written to {}\n", svg_path);
  return all_correct ? 0 : 1;
}
