#!/usr/bin/env python3
"""Run a `grader check` command with --format json, validate its report against
grader/report.schema.json, and check its score.

    check-report.py [--max-score N] [--min-score N] -- grader check ...
"""
import argparse
import json
import pathlib
import subprocess
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-score", type=int)
    parser.add_argument("--min-score", type=int)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"]
    run = subprocess.run(command + ["--format", "json"], stdout=subprocess.PIPE, check=False)
    if run.returncode != 0:
        print(f"check-report: {' '.join(command)} exited {run.returncode}", file=sys.stderr)
        return 1
    report = json.loads(run.stdout)
    jsonschema.validate(report, json.loads((ROOT / "grader" / "report.schema.json").read_text()))
    score = report["summary"]["score"]
    for exercise in report["exercises"]:
        print(f"{exercise['id']:<28} {exercise['status']:<12} {exercise['score']}/{exercise['max_score']}")
    if args.max_score is not None and score > args.max_score:
        print(f"check-report: score {score} is above {args.max_score}", file=sys.stderr)
        return 1
    if args.min_score is not None and score < args.min_score:
        print(f"check-report: score {score} is under {args.min_score}", file=sys.stderr)
        return 1
    print(f"check-report: score {score}, report valid against the schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
