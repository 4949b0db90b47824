#!/usr/bin/env python3
"""clang-tidy over the given sources, in parallel, skipping the ones known clean.

usage: lint-tidy.py BUILD_DIR SOURCE...   (scripts/lint tidy calls it; run from the root)

One clang-tidy process per source, as many at once as there are cores (LINT_JOBS
overrides): the clang-analyzer-* checks make a source cost 3 to 15 s, and one process
over all of them took over six minutes on one core while the other idled.

The clang-tidy is Debian's clang-tidy-22 (CLANG_TIDY overrides): unlike 14, Debian 12's
default, it no longer matches its checks against the system headers a source includes
(nlohmann/json, fmt, the standard library), which halves the time of a whole run
(68 sources: 444 CPU-seconds with 14, 246 with 22).

The largest sources (counting the headers they include) start first, so the run does not
end with one core waiting for the slowest file.

A source that passes leaves a stamp in BUILD_DIR/clang-tidy-clean/, named by a hash of
everything its verdict depends on: the clang-tidy version, every .clang-tidy from its
directory up, its compile command, and the content of the source and of every header
ninja recorded it including (system headers too). A source whose stamp exists is not
checked again. A failure is never stamped, so it fails again on the next run; a source
whose header list ninja does not have or thinks stale (not built since an edit) is
always checked. Delete the directory to check everything.

Exit status: 0 when every source is clean, 1 when clang-tidy complained about any
(WarningsAsErrors makes every warning an error), 2 on bad usage.
"""
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

STAMP_DIR = "clang-tidy-clean"
TIDY_DATABASE_DIR = "clang-tidy-database"  # compile_commands.json without the forced PCH
CLANG_TIDY = os.environ.get("CLANG_TIDY", "clang-tidy-22")


def file_digest(path, memo):
    """The sha256 of a file's bytes ("missing" if it cannot be read), computed once."""
    if path not in memo:
        try:
            memo[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            memo[path] = "missing"
    return memo[path]


def object_of(entry):
    """The object file a compile_commands.json entry (as without_forced_includes returns
    it) writes: its -o argument."""
    args = entry["arguments"]
    return args[args.index("-o") + 1] if "-o" in args else None


def recorded_headers(build_dir, objects):
    """{object: [files it was compiled from]} as ninja recorded them, for the objects
    whose record is VALID (built after every one of those files last changed)."""
    if not objects:
        return {}
    run = subprocess.run(["ninja", "-C", build_dir, "-t", "deps", *objects],
                         capture_output=True, text=True, check=False)
    headers, current = {}, None
    for line in run.stdout.splitlines():
        if line and not line.startswith(" "):
            target, _, status = line.partition(": ")
            current = target if status.endswith("(VALID)") else None
            if current:
                headers[current] = []
        elif line.strip() and current:
            headers[current].append(line.strip())
    return headers


def without_forced_includes(entry):
    """`entry` without the precompiled header CMake forces in (`-include .../cmake_pch.hxx`,
    `-Winvalid-pch`): each source is checked with only the headers it includes itself, and
    clang does not read GCC's .gch. Always in the `arguments` form, whichever form CMake
    wrote (`command` is one string to split)."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    kept, skip = [], False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "-include" and i + 1 < len(args) and "cmake_pch" in args[i + 1]:
            skip = True
        elif arg != "-Winvalid-pch":
            kept.append(arg)
    return {"directory": entry["directory"], "file": entry["file"], "arguments": kept}


def per_source(entry):
    """The entries of `entry` (as without_forced_includes returns it), one per source.

    A unity source CMake generated (.../Unity/unity_N_cxx.cxx: the grader's sources compile
    in batches, grader/CMakeLists.txt) becomes one entry per source it #includes, each the
    same command with that source in place of the unity file: each is checked on its own.
    They keep the unity object, whose header list (recorded_headers) covers them all."""
    args = entry["arguments"]
    unity = Path(entry["directory"], entry["file"])
    if unity.parent.name != "Unity" or not unity.name.startswith("unity_"):
        return [entry]
    sources = re.findall(r'^#include "(.+)"$', unity.read_text(encoding="utf-8"), re.M)
    return [{"directory": entry["directory"], "file": source,
             "arguments": [source if arg == entry["file"] else arg for arg in args]}
            for source in sources]


def tidy_configs(source, root):
    """Every .clang-tidy that applies to `source`: its directory's and each parent's up to
    the root (clang-tidy merges them)."""
    found = []
    directory = (root / source).resolve().parent
    while True:
        config = directory / ".clang-tidy"
        if config.is_file():
            found.append(config)
        if directory == root or directory == directory.parent:
            return found
        directory = directory.parent


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    build_dir, sources = argv[0], argv[1:]
    root = Path.cwd().resolve()
    with open(Path(build_dir) / "compile_commands.json", encoding="utf-8") as f:
        database = {str(Path(e["directory"], e["file"]).resolve()): e
                    for entry in json.load(f) for e in per_source(without_forced_includes(entry))}
    tidy_database = Path(build_dir) / TIDY_DATABASE_DIR
    tidy_database.mkdir(exist_ok=True)
    # Written whole, then renamed: a lint run beside this one never reads half a file.
    partial = tidy_database / f"compile_commands.json.{os.getpid()}"
    partial.write_text(json.dumps(list(database.values())))
    partial.replace(tidy_database / "compile_commands.json")
    try:
        version = subprocess.run([CLANG_TIDY, "--version"], capture_output=True, text=True,
                                 check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"lint: cannot run {CLANG_TIDY} ({error}): scripts/setup installs it",
              file=sys.stderr)
        return 2

    entries = {s: database.get(str((root / s).resolve())) for s in sources}
    objects = {s: object_of(e) for s, e in entries.items() if e is not None}
    headers = recorded_headers(build_dir, [o for o in objects.values() if o])
    memo = {}
    keys, weights = {}, {}
    for source in sources:
        included = headers.get(objects.get(source))
        # No compile command or no valid header list: no key, so always checked.
        if entries[source] is None or included is None:
            weights[source] = sys.maxsize  # unknown cost: start it early
            continue
        digest = hashlib.sha256(version.encode())
        for config in tidy_configs(source, root):
            digest.update(f"config {config} {file_digest(config, memo)}\n".encode())
        entry = entries[source]
        digest.update(json.dumps([entry["directory"], entry["arguments"]]).encode())
        for path in [str(root / source), *included]:
            digest.update(f"file {path} {file_digest(path, memo)}\n".encode())
        keys[source] = digest.hexdigest()
        weights[source] = sum(os.path.getsize(p) for p in included if os.path.exists(p))

    stamps = Path(build_dir) / STAMP_DIR
    stamps.mkdir(exist_ok=True)
    todo = [s for s in sources if s not in keys or not (stamps / keys[s]).exists()]
    todo.sort(key=lambda s: weights[s], reverse=True)

    def tidy(source):
        # stderr is only clang-tidy's "N warnings generated" count (of the headers it
        # does not report) unless the source cannot be processed: shown on failure only.
        run = subprocess.run([CLANG_TIDY, "--quiet", "-p", str(tidy_database), source],
                             capture_output=True, text=True, errors="replace", check=False)
        return source, run

    jobs = int(os.environ.get("LINT_JOBS", "0")) or os.cpu_count() or 1
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for source, run in pool.map(tidy, todo):
            if run.stdout.strip():
                sys.stdout.write(run.stdout)
            if run.returncode != 0:
                failed.append(source)
                sys.stdout.write(run.stderr)
                print(f"lint: clang-tidy failed on {source} (exit {run.returncode})")
            elif source in keys:
                (stamps / keys[source]).touch()
            sys.stdout.flush()

    cached = len(sources) - len(todo)
    if failed:
        print(f"lint: {len(failed)} of {len(sources)} grader sources fail .clang-tidy: "
              + " ".join(failed))
        return 1
    print(f"lint: {len(sources)} grader sources clean under .clang-tidy "
          f"({len(todo)} checked on {jobs} cores, {cached} unchanged since a clean check)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
