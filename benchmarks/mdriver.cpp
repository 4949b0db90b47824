// mdriver — the trace-driven allocator harness of exercise 04, after CS:APP's malloc-lab
// driver: every allocator is first CHECKED on every trace (alignment, overlap, payload),
// then MEASURED (median throughput over repetitions, utilization), and the results are
// printed as a table and drawn as an SVG chart of throughput relative to glibc.
//
//   mdriver [TRACE...] [--repetitions N] [--svg FILE]
//
// Without traces it runs the shipped ones and the workload of exercise 04. Every
// measurement runs in a child process forked for it: a heap that an earlier pass grew
// (glibc's never shrinks below its free chunks, mimalloc and jemalloc keep segments and
// extents cached) would serve the next pass without growing its footprint, and
// utilization would be overstated. All children run one after the other from one run, so
// every ratio compares numbers taken on the same machine within seconds of each other.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "allocator.hpp"
#include "checker.hpp"
#include "slab_adapter.hpp"
#include "stats.hpp"
#include "svg_chart.hpp"
#include "trace.hpp"
#include "workload.hpp"

namespace {

using namespace mw::bench;
using Factory = std::unique_ptr<AllocatorUnderTest> (*)();

/// glibc first: it is the baseline of every ratio.
constexpr std::pair<const char*, Factory> allocators[] = {
    {"glibc", make_glibc_allocator},       {"mimalloc", make_mimalloc_allocator},
    {"jemalloc", make_jemalloc_allocator}, {"bump", make_bump_allocator},
    {"slab", make_slab_allocator},  // exercise 13, benchmarks/slab_adapter.cpp
    {"pool", make_pool_allocator},  // exercise 12, benchmarks/slab_adapter.cpp
};

/// Effects: runs `work` in a child process forked for it.
/// Returns: what `work` returned there, or nothing when the child crashed or failed.
template <class Payload, class Work>
std::optional<Payload> in_child(Work work) {
  static_assert(std::is_trivially_copyable_v<Payload>, "it travels through a pipe as bytes");
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return std::nullopt;
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    const Payload payload = work();
    const bool sent = write(pipe_fds[1], &payload, sizeof payload) == sizeof payload;
    _exit(sent ? 0 : 1);  // skip the destructors and atexit handlers of the parent's state
  }
  close(pipe_fds[1]);
  Payload payload{};
  const bool received = child > 0 && read(pipe_fds[0], &payload, sizeof payload) == sizeof payload;
  close(pipe_fds[0]);
  int status = 0;
  if (child > 0) waitpid(child, &status, 0);
  if (!received || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return payload;
}

/// What a checking child reports: empty `problem` when the allocator was correct.
struct CheckOutcome {
  char problem[512];
};

/// What a measuring child reports.
struct Numbers {
  double ops_per_second, utilization;
  Usage usage;
};

/// Effects: checks `make`'s allocator on `trace`, then (when correct) measures it, each in
/// a child process of its own with a fresh allocator.
/// Returns: the measurement, or nothing with the reason in `problem`.
std::optional<Numbers> evaluate(const Trace& trace, Factory make, int repetitions,
                                std::string& problem) {
  const auto checked = in_child<CheckOutcome>([&] {
    CheckOutcome outcome{};
    if (const auto violation = check_trace(trace, *make())) {
      fmt::format_to_n(outcome.problem, sizeof outcome.problem - 1, "{}", violation->message);
    }
    return outcome;
  });
  if (!checked || checked->problem[0] != '\0') {
    problem = checked ? checked->problem : "the checking process crashed";
    return std::nullopt;
  }
  const auto measured = in_child<Numbers>([&] {
    const Result result = measure(trace, *make(), repetitions);
    return Numbers{result.ops_per_second, result.utilization, result.usage};
  });
  if (!measured) problem = "the measuring process crashed";
  return measured;
}

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

  fmt::print("{:<16} {:<10} {:>8} {:>12} {:>10} {:>12}\n", "trace", "allocator", "ops", "Mops/s",
             "x glibc", "utilization");
  for (const Trace& trace : traces) {
    BarGroup group{trace.name, {}};
    double baseline = 0;
    for (std::size_t a = 0; a < std::size(allocators); ++a) {
      const auto& [name, make] = allocators[a];
      std::string problem;
      const auto result = evaluate(trace, make, repetitions, problem);
      if (!result || baseline == 0 && a != 0) {
        fmt::print("{:<16} {:<10} FAILED: {}\n", trace.name, name,
                   result ? "no glibc baseline to compare with" : problem);
        all_correct = false;
        group.values.push_back(1e-3);  // drawn as (almost) nothing
        continue;
      }
      if (a == 0) baseline = result->ops_per_second;
      const double ratio = result->ops_per_second / baseline;
      log_ratio_sums[a] += std::log(ratio);
      group.values.push_back(ratio);
      fmt::print("{:<16} {:<10} {:>8} {:>12.1f} {:>10.2f} {:>11.1f}%\n", trace.name, name,
                 trace.ops.size(), result->ops_per_second / 1e6, ratio, 100 * result->utilization);
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
