// mdriver — the trace-driven allocator harness of exercise 04, after CS:APP's malloc-lab
// driver: every allocator is first CHECKED on every trace (alignment, overlap, payload),
// then MEASURED (median throughput over repetitions, utilization), and the results are
// printed as mdriver prints them (valid, util, ops, secs, Kops, per trace and allocator),
// with a performance index in mdriver's form, and drawn as an SVG chart of throughput
// relative to glibc.
//
//   mdriver [TRACE...] [--repetitions N] [--svg FILE] [-v] [--format table|json]
//
// Traces are in our format or in malloc-lab's (four header lines), as distributed. Without
// traces it runs the shipped ones (every traces/*.rep of exercise 04) and the workload.
// The performance index is mdriver's, 100 × (0.6 × util + 0.4 × min(1, Kops ÷ baseline)),
// except that the baseline is glibc measured in this run on the same trace(s), not
// mdriver's hard-coded 600 Kops/s of a 2002 machine. Every check and every measurement runs
// in a child process forked for it (in_child.hpp says why), one after the other, so every
// ratio compares numbers taken on the same machine within seconds of each other.
//
// Exit status: 0 when every allocator passed every check, 1 when one did not, 2 for a bad
// input (a malformed trace, a missing file, an unknown option), reported in one line.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "allocator.hpp"
#include "checker.hpp"
#include "in_child.hpp"
#include "slab_adapter.hpp"
#include "stats.hpp"
#include "svg_chart.hpp"
#include "trace.hpp"
#include "workload.hpp"

namespace {

using namespace mw::bench;
using Factory = std::unique_ptr<AllocatorUnderTest> (*)();

/// glibc first: it is the baseline of every ratio and of the performance index.
constexpr std::pair<const char*, Factory> allocators[] = {
    {"glibc", make_glibc_allocator},       {"mimalloc", make_mimalloc_allocator},
    {"jemalloc", make_jemalloc_allocator}, {"bump", make_bump_allocator},
    {"slab", make_slab_allocator},  // exercise 13, benchmarks/slab_adapter.cpp
    {"pool", make_pool_allocator},  // exercise 12, benchmarks/slab_adapter.cpp
};

constexpr double util_weight = 0.6;  // mdriver's UTIL_WEIGHT: the rest weighs throughput
constexpr int exit_check_failed = 1;
constexpr int exit_bad_input = 2;
constexpr double kilo = 1e3;
constexpr int max_repetitions = 1'000'000;

/// A bad input: what() is the whole one-line message.
class BadInput : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// What a checking child reports: empty `problem` when the allocator was correct.
struct CheckOutcome {
  char problem[512];
};

/// What a measuring child reports.
struct Numbers {
  double ops_per_second, utilization;
  Usage usage;
};

/// One allocator on one trace.
struct Cell {
  std::string problem;  ///< empty when valid
  Numbers numbers{};
  double secs = 0;        ///< one replay: ops ÷ median throughput
  double ratio = 0;       ///< throughput ÷ glibc's on the same trace
  double perf_index = 0;  ///< 100 × (0.6 × util + 0.4 × min(1, ratio))
  bool valid() const { return problem.empty(); }
};

/// One allocator over every trace, mdriver's "Total" line.
struct Summary {
  bool valid = true;
  double mean_util = 0, ops = 0, secs = 0, geomean_ratio = 0, perf_index = 0;
};

/// Returns: mdriver's performance index for a utilization and a throughput ratio.
double perf_index(double util, double ratio) {
  return 100 * (util_weight * util + (1 - util_weight) * std::min(1.0, ratio));
}

/// Effects: checks `make`'s allocator on `trace`, then (when correct) measures it, each in
/// a child process of its own with a fresh allocator.
/// Returns: the cell, its numbers or (invalid) the reason in `problem`; ratio not yet set.
Cell evaluate(const Trace& trace, Factory make, int repetitions) {
  const auto checked = in_child<CheckOutcome>([&] {
    CheckOutcome outcome{};
    if (const auto violation = check_trace(trace, *make())) {
      fmt::format_to_n(outcome.problem, sizeof outcome.problem - 1, "{}", violation->message);
    }
    return outcome;
  });
  if (!checked) return Cell{.problem = "the checking process crashed"};
  if (checked->problem[0] != '\0') return Cell{.problem = checked->problem};
  const auto measured = in_child<Numbers>([&] {
    const Result result = measure(trace, *make(), repetitions);
    return Numbers{result.ops_per_second, result.utilization, result.usage};
  });
  if (!measured) return Cell{.problem = "the measuring process crashed"};
  return Cell{.numbers = *measured,
              .secs = static_cast<double>(trace.ops.size()) / measured->ops_per_second};
}

/// Returns: the trace at `path`. Throws: BadInput, one line naming the file (and the line).
Trace load_one(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw BadInput(fmt::format("{}: error: cannot open: {}", path, std::strerror(errno)));
  try {
    return parse_trace(in, std::filesystem::path(path).stem().string());
  } catch (const TraceError& error) {
    throw BadInput(fmt::format("{}:{}: error: {}", path, error.line(), error.reason()));
  }
}

/// Returns: the traces at `paths`, or the shipped ones and the workload when there are none.
std::vector<Trace> load_traces(std::vector<std::string> paths) {
  std::vector<Trace> traces;
  if (paths.empty()) {
    for (const auto& entry : std::filesystem::directory_iterator(MW_TRACES_DIR)) {
      if (entry.path().extension() == ".rep") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    traces.push_back(make_workload(1));
  }
  for (const std::string& path : paths) traces.push_back(load_one(path));
  return traces;
}

/// Effects: evaluates every allocator on `trace`, glibc first, and rates each against it.
std::vector<Cell> run_trace(const Trace& trace, int repetitions, bool verbose) {
  std::vector<Cell> cells;
  for (const auto& [name, make] : allocators) {
    if (verbose) fmt::print(stderr, "mdriver: {} on {}\n", name, trace.name);
    cells.push_back(evaluate(trace, make, repetitions));
  }
  const Cell& baseline = cells.front();
  for (Cell& cell : cells) {
    if (!cell.valid()) continue;
    if (!baseline.valid()) {
      cell.problem = "no glibc baseline to compare with";
      continue;
    }
    cell.ratio = cell.numbers.ops_per_second / baseline.numbers.ops_per_second;
    cell.perf_index = perf_index(cell.numbers.utilization, cell.ratio);
  }
  return cells;
}

/// Returns: per allocator, mdriver's totals: mean utilization, total ops over total secs,
/// the index against glibc's totals of the same run, and the geometric mean of the ratios.
std::vector<Summary> summarize(const std::vector<Trace>& traces,
                               const std::vector<std::vector<Cell>>& rows) {
  std::vector<Summary> summaries(std::size(allocators));
  for (std::size_t a = 0; a < summaries.size(); ++a) {
    Summary& s = summaries[a];
    double log_ratios = 0;
    for (std::size_t t = 0; t < traces.size(); ++t) {
      const Cell& cell = rows[t][a];
      s.valid = s.valid && cell.valid();
      if (!cell.valid()) continue;
      s.mean_util += cell.numbers.utilization / static_cast<double>(traces.size());
      s.ops += static_cast<double>(traces[t].ops.size());
      s.secs += cell.secs;
      log_ratios += std::log(cell.ratio);
    }
    // Over every trace or none: a mean of the traces an allocator passed would flatter it.
    s.geomean_ratio = s.valid ? std::exp(log_ratios / static_cast<double>(traces.size())) : NAN;
  }
  const double baseline_kops = summaries[0].ops / summaries[0].secs;
  for (Summary& s : summaries) {
    s.perf_index = perf_index(s.mean_util, s.ops / s.secs / baseline_kops);
  }
  return summaries;
}

/// Returns: a utilization as a percentage, with two significant digits below 1 %, so that
/// a bump arena's 0.004 % does not read as 0.
std::string percent(double fraction) {
  const double value = 100 * fraction;
  return value > 0 && value < 1 ? fmt::format("{:.2g}%", value) : fmt::format("{:.1f}%", value);
}

/// Effects: prints what the trace is (verbose mode): its format and header numbers.
void print_trace_line(const Trace& trace) {
  if (const auto& lab = trace.lab_header) {
    fmt::print("\n{}: malloc-lab trace, {} ops, {} ids, suggested heap {} B, weight {}\n",
               trace.name, trace.ops.size(), lab->id_count, lab->suggested_heap_size, lab->weight);
  } else {
    fmt::print("\n{}: {} ops, {} ids\n", trace.name, trace.ops.size(), trace.slot_count);
  }
}

/// Effects: prints mdriver's per-trace lines (valid util ops secs Kops), the ratio to glibc
/// and the index; verbose adds the trace's header and the two peaks behind utilization.
void print_rows(const std::vector<Trace>& traces, const std::vector<std::vector<Cell>>& rows,
                bool verbose) {
  const std::string peaks = verbose ? fmt::format(" {:>10} {:>10}", "payload", "footprint") : "";
  fmt::print("{:<18} {:<9} {:>5} {:>7} {:>7} {:>10} {:>8} {:>7} {:>5}{}\n", "trace", "allocator",
             "valid", "util", "ops", "secs", "Kops", "x glibc", "perf", peaks);
  for (std::size_t t = 0; t < traces.size(); ++t) {
    if (verbose) print_trace_line(traces[t]);
    for (std::size_t a = 0; a < std::size(allocators); ++a) {
      const Cell& c = rows[t][a];
      const auto& name = allocators[a].first;
      if (!c.valid()) {
        fmt::print("{:<18} {:<9} {:>5}  {}\n", traces[t].name, name, "no", c.problem);
        continue;
      }
      const Usage& u = c.numbers.usage;
      fmt::print("{:<18} {:<9} {:>5} {:>7} {:>7} {:>10.3g} {:>8.0f} {:>7.2f} {:>5.0f}{}\n",
                 traces[t].name, name, "yes", percent(c.numbers.utilization), traces[t].ops.size(),
                 c.secs, c.numbers.ops_per_second / kilo, c.ratio, c.perf_index,
                 verbose ? fmt::format(" {:>10} {:>10}", u.peak_payload, u.peak_footprint) : "");
    }
  }
}

/// Effects: prints mdriver's "Total" line for every allocator, and the geometric mean.
void print_summary(const std::vector<Summary>& summaries) {
  fmt::print("\n{:<9} {:>9} {:>10} {:>8} {:>14} {:>10}\n", "allocator", "mean util", "secs", "Kops",
             "geomean x glibc", "perf index");
  for (std::size_t a = 0; a < summaries.size(); ++a) {
    const Summary& s = summaries[a];
    if (!s.valid) {
      fmt::print("{:<9} failed a check: no index (mdriver gives none either)\n",
                 allocators[a].first);
      continue;
    }
    fmt::print("{:<9} {:>9} {:>10.3g} {:>8.0f} {:>14.2f}x {:>10.1f}\n", allocators[a].first,
               percent(s.mean_util), s.secs, s.ops / s.secs / kilo, s.geomean_ratio, s.perf_index);
  }
}

/// Returns: one cell as JSON (numbers only when it is valid).
nlohmann::ordered_json cell_json(const char* allocator, const Trace& trace, const Cell& c) {
  nlohmann::ordered_json j{{"allocator", allocator}, {"valid", c.valid()}};
  if (!c.valid()) {
    j["problem"] = c.problem;
    return j;
  }
  j.update({{"util", c.numbers.utilization},
            {"ops", trace.ops.size()},
            {"secs", c.secs},
            {"kops", c.numbers.ops_per_second / kilo},
            {"ratio_to_glibc", c.ratio},
            {"perf_index", c.perf_index},
            {"peak_payload", c.numbers.usage.peak_payload},
            {"peak_footprint", c.numbers.usage.peak_footprint}});
  return j;
}

/// Returns: every number of the run as one JSON document, for tools.
nlohmann::ordered_json report_json(const std::vector<Trace>& traces,
                                   const std::vector<std::vector<Cell>>& rows,
                                   const std::vector<Summary>& summaries, int repetitions) {
  nlohmann::ordered_json j{{"repetitions", repetitions},
                           {"util_weight", util_weight},
                           {"baseline", allocators[0].first},
                           {"traces", nlohmann::json::array()}};
  for (std::size_t t = 0; t < traces.size(); ++t) {
    nlohmann::ordered_json trace{
        {"name", traces[t].name}, {"ops", traces[t].ops.size()}, {"ids", traces[t].slot_count}};
    if (const auto& lab = traces[t].lab_header) {
      trace["suggested_heap_size"] = lab->suggested_heap_size;
      trace["weight"] = lab->weight;
    }
    for (std::size_t a = 0; a < std::size(allocators); ++a) {
      trace["results"].push_back(cell_json(allocators[a].first, traces[t], rows[t][a]));
    }
    j["traces"].push_back(std::move(trace));
  }
  for (std::size_t a = 0; a < summaries.size(); ++a) {
    const Summary& s = summaries[a];
    j["summary"].push_back({{"allocator", allocators[a].first},
                            {"valid", s.valid},
                            {"mean_util", s.mean_util},
                            {"kops", s.ops / s.secs / kilo},
                            {"geomean_ratio_to_glibc", s.geomean_ratio},
                            {"perf_index", s.valid ? nlohmann::json(s.perf_index) : nullptr}});
  }
  return j;
}

/// Effects: writes the chart of throughput ratios to `path`.
void write_svg(const std::string& path, const std::vector<Trace>& traces,
               const std::vector<std::vector<Cell>>& rows, int repetitions) {
  std::vector<BarGroup> chart;
  for (std::size_t t = 0; t < traces.size(); ++t) {
    BarGroup group{traces[t].name, {}};
    // An invalid cell is drawn as (almost) nothing.
    for (const Cell& c : rows[t]) group.values.push_back(c.valid() ? c.ratio : 1e-3);
    chart.push_back(std::move(group));
  }
  std::vector<std::string> series;
  for (const auto& [name, make] : allocators) series.emplace_back(name);
  std::ofstream(path) << bar_chart_svg(
      fmt::format("Throughput relative to glibc malloc (median of {} runs)", repetitions), series,
      chart, 1.0);
}

/// What the command line asks for.
struct Options {
  std::vector<std::string> paths;
  int repetitions = 11;
  std::string svg_path = "mdriver.svg";
  std::string format = "table";
  bool verbose = false;
};

/// Returns: the options. Throws: BadInput for any error of the command line; exits 0 after
/// printing --help.
Options parse_options(int argc, char** argv) {
  CLI::App app("mdriver: check and measure allocators on allocation traces");
  Options o;
  app.add_option("traces", o.paths,
                 "trace files, ours or malloc-lab's (default: the shipped ones)");
  app.add_option("-r,--repetitions", o.repetitions, "timed replays per allocator and trace")
      ->check(CLI::Range(1, max_repetitions));
  app.add_option("--svg", o.svg_path, "where to write the chart");
  app.add_option("--format", o.format, "table (default) or json, on standard output")
      ->check(CLI::IsMember({"table", "json"}));
  app.add_flag("-v,--verbose", o.verbose, "trace headers, peak payload and footprint, progress");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    std::exit(app.exit(help));
  } catch (const CLI::ParseError& error) {
    throw BadInput(
        fmt::format("mdriver: error: {} (mdriver --help lists the options)", error.what()));
  }
  return o;
}

int run(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  const std::vector<Trace> traces = load_traces(o.paths);
  std::vector<std::vector<Cell>> rows;
  for (const Trace& trace : traces) rows.push_back(run_trace(trace, o.repetitions, o.verbose));
  const std::vector<Summary> summaries = summarize(traces, rows);
  if (o.format == "json") {
    std::cout << report_json(traces, rows, summaries, o.repetitions).dump(2) << '\n';
  } else {
    print_rows(traces, rows, o.verbose);
    print_summary(summaries);
  }
  write_svg(o.svg_path, traces, rows, o.repetitions);
  if (o.format == "table") fmt::print("chart written to {}\n", o.svg_path);
  const bool all_valid =
      std::all_of(summaries.begin(), summaries.end(), [](const Summary& s) { return s.valid; });
  return all_valid ? 0 : exit_check_failed;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const BadInput& error) {
    std::fputs(error.what(), stderr);
    std::fputc('\n', stderr);
    return exit_bad_input;
  }
}
