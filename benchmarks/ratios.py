#!/usr/bin/env python3
"""Ratios between the benchmarks of ONE Google Benchmark run, as the lesson reports them.

    bench-bump-arena --benchmark_repetitions=9 --benchmark_format=json | \\
        python3 benchmarks/ratios.py BM_MallocFree

Reads the JSON on stdin, takes each benchmark's median items_per_second (the "_median"
aggregate when the run was repeated), and prints each one's throughput relative to the
baseline named on the command line (for the replay benchmarks, a prefix such as
"replay/game-loop/" picks the baseline "<prefix>glibc" within each trace).
"""
import json
import sys


def medians(report):
    rates = {}
    for run in report["benchmarks"]:
        if run.get("run_type") == "aggregate" and run.get("aggregate_name") != "median":
            continue
        rates[run["run_name"]] = run["items_per_second"]  # the median overwrites single runs
    return rates


def main():
    baseline = sys.argv[1]
    rates = medians(json.load(sys.stdin))
    for name, rate in rates.items():
        group = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        base = rates.get(baseline) or rates.get(group + baseline)
        print(f"{name:<40} {rate / 1e6:10.1f} M items/s   {rate / base:8.2f}x {baseline}")


if __name__ == "__main__":
    main()
