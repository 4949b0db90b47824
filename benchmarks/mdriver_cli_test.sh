#!/usr/bin/env bash
# mdriver_cli_test.sh MDRIVER TRACES_DIR CASE — one behaviour of mdriver's command line.
#   bad_trace       a malformed trace: one line "file:line: error: reason", exit 2
#                   (kills: the TraceError escaping main, "terminate called ..." and abort)
#   missing_file    a trace that does not exist: one line naming it, exit 2
#                   (kills: the std::runtime_error of load_trace escaping main)
#   unknown_option  an option mdriver does not have: one line, exit 2
#                   (kills: CLI11_PARSE, which prints two lines and exits 109)
#   json            --format json is one JSON document with a result per allocator and trace,
#                   a performance index and the malloc-lab header kept
#                   (kills: the table printed whatever --format says)
set -u
mdriver=$1 traces=$2 case=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs mdriver; passes when it exits 2 with exactly one line on stderr matching $1.
expect_one_line_error() {
  local pattern=$1
  shift
  "$mdriver" --svg "$work/chart.svg" "$@" >"$work/out" 2>"$work/err"
  local status=$? lines
  lines=$(wc -l <"$work/err")
  if [[ $status -ne 2 || $lines -ne 1 ]] || ! grep -Eq "$pattern" "$work/err"; then
    echo "expected exit 2 and one line matching '$pattern'; got exit $status, $lines lines:"
    cat "$work/err"
    return 1
  fi
}

case $case in
  bad_trace)
    printf '20000\n2\n3\n1\na 0 8\na 1 8\n' >"$work/short.rep"  # promises 3 ops, has 2
    expect_one_line_error "^$work/short.rep:6: error: .*3 ops" "$work/short.rep" ;;
  missing_file)
    expect_one_line_error "^$work/none.rep: error: cannot open" "$work/none.rep" ;;
  unknown_option)
    expect_one_line_error "^mdriver: error: .*--bogus" --bogus ;;
  json)
    "$mdriver" --repetitions 1 --svg "$work/chart.svg" --format json "$traces/lab-short.rep" \
      >"$work/report.json" || exit 1
    python3 - "$work/report.json" <<'PY' ;;
import json, sys
report = json.load(open(sys.argv[1]))
trace = report["traces"][0]
assert trace["name"] == "lab-short" and trace["weight"] == 1, trace
assert [r["allocator"] for r in trace["results"]][0] == "glibc", trace["results"]
assert all(r["valid"] and 0 < r["util"] <= 1 and r["perf_index"] > 0 for r in trace["results"])
assert len(report["summary"]) == len(trace["results"]), report["summary"]
PY
  *) echo "unknown case $case"; exit 1 ;;
esac
