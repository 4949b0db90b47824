"""The GitHub Classroom workflow (docs/github-classroom.yml) parses and grades.

Checks that its job checks out, runs scripts/setup, grades with the grader into a JSON
report, writes the Markdown summary to $GITHUB_STEP_SUMMARY and uploads the report even
when grading fails, and applies --fail-under only when a threshold is set; and that
every `run` script is valid bash.

    python3 classroom_workflow_test.py docs/github-classroom.yml
"""

import re
import subprocess
import sys

import yaml


def index_of(steps, what, predicate):
    for i, step in enumerate(steps):
        if predicate(step):
            return i
    raise AssertionError(f"no step {what}")


def run_of(step):
    return step.get("run", "")


def main(path):
    with open(path, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    # YAML 1.1 reads the key `on` as the boolean true.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers and "push" in triggers, "the workflow must run on push"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]

    checkout = index_of(steps, "uses actions/checkout",
                        lambda s: s.get("uses", "").startswith("actions/checkout@"))
    setup = index_of(steps, "runs scripts/setup", lambda s: "scripts/setup" in run_of(s))
    grade = index_of(steps, "grades into a JSON report",
                     lambda s: "grader check" in run_of(s) and "--format json" in run_of(s))
    report = re.search(r"--output\s+(\S+)", run_of(steps[grade]))
    assert report, "the grading step must write its report with --output"
    summary = index_of(steps, "writes the Markdown summary",
                       lambda s: "--format markdown" in run_of(s)
                       and "GITHUB_STEP_SUMMARY" in run_of(s))
    upload = index_of(steps, "uploads the report",
                      lambda s: s.get("uses", "").startswith("actions/upload-artifact@"))
    assert steps[upload]["with"]["path"] == report.group(1), "the upload must be the JSON report"
    assert checkout < setup < grade < summary, "checkout, setup, grade, summary: in that order"
    for step in (summary, upload):
        assert "always()" in str(steps[step].get("if", "")), \
            f"step '{steps[step]['name']}' must run even when grading fails"
    threshold = index_of(steps, "applies --fail-under", lambda s: "--fail-under" in run_of(s))
    assert "FAIL_UNDER" in str(steps[threshold].get("if", "")), \
        "--fail-under must apply only when a threshold is set"

    for step in steps:
        if "run" in step:
            checked = subprocess.run(["bash", "-n"], input=step["run"], text=True,
                                     capture_output=True, check=False)
            assert checked.returncode == 0, f"step '{step['name']}': {checked.stderr.strip()}"
    print(f"classroom workflow: ok ({len(steps)} steps)")


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except (AssertionError, KeyError, ValueError) as problem:
        print(f"FAIL: {problem}", file=sys.stderr)
        sys.exit(1)
