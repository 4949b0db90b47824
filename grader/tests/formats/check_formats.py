#!/usr/bin/env python3
"""Grades a fixture submission with the real grader in one report format, and checks
the report with a real consumer of that format.

usage: check_formats.py FORMAT --grader BIN --fixtures DIR --schema FILE --work DIR
                        [--submission NAME] [--refuse EXERCISE_ID --renderer BIN]

FORMAT is json, junit, gradescope, exercism, markdown or html. The submission (a case
of fixtures/submissions/, laid over fixtures/course/solutions/ as the e2e tests do) is
graded twice: with --format json, the reference every other format is compared with,
then with --format FORMAT --output FILE. With --refuse, the reference has that exercise
refused by the renderer (tests/formats/render_report.cpp, the grader's own
refuse_exercise and formats), which then writes FORMAT from it: no fixture submission
is refused by grading. Exit status: 0 when the report is right, 1 (the reasons on
stderr) when it is not, 77 when the consumer is not installed (python3-jsonschema,
python3-junitparser, chromium): skipped, never passed.
"""
import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SKIP = 77
FILES = {"json": "report.json", "junit": "junit.xml", "gradescope": "gradescope.json",
         "exercism": "exercism.json", "markdown": "report.md", "html": "report.html"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
FAILING = {"failed", "crashed", "timeout", "sanitizer"}
# What --refuse gives as the reason, worded as the tamper guard words it: quotes and a
# colon, so each format's escaping is exercised.
REFUSAL = "exercises/{id}/greet.hpp:3: names '__lsan_is_turned_off', which the tamper guard forbids"


class Skip(Exception):
    """The consumer of a format is not installed."""


class Problems:
    """Collects what is wrong with a report, so one run reports all of it."""

    def __init__(self):
        self.found = []

    def expect(self, condition, what):
        if not condition:
            self.found.append(what)
        return condition


# ---- grading the fixture ------------------------------------------------------------

def files_under(root):
    return {p.relative_to(root): p for p in root.rglob("*") if p.is_file()} if root.is_dir() else {}


def prepare_workspace(fixtures, submission, workspace):
    """Lays the submission over the solutions in `workspace`, rewriting only the files
    that differ, so grading another case rebuilds only what changed."""
    wanted = files_under(fixtures / "course" / "solutions")
    if submission:
        wanted.update(files_under(fixtures / "submissions" / submission))
    workspace.mkdir(parents=True, exist_ok=True)
    for relative, path in files_under(workspace).items():
        if relative not in wanted:
            path.unlink()
    for relative, source in wanted.items():
        target = workspace / relative
        data = source.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def grade(args, fmt, output):
    command = [args.grader, "--root", str(args.fixtures / "course"), "check",
               "--workspace", str(args.work / "workspace"), "--build-dir", str(args.work / "build"),
               "--format", fmt, "--output", str(output)]
    run = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=900)
    if run.returncode != 0 or not output.is_file():
        raise SystemExit(f"grader --format {fmt} failed ({run.returncode}): {run.stderr[-2000:]}")
    return run.stdout


def suite_order(fixtures, exercise_id):
    """The tests of an exercise's hidden suite in source order (files by name), read
    from the suite itself: an oracle independent of the grader."""
    names = []
    for source in sorted((fixtures / "course" / "grader" / "suites" / exercise_id).glob("*.cpp")):
        text = source.read_text(encoding="utf-8")
        names += [f"{m[1]}.{m[2]}" for m in re.finditer(r"^\s*TEST(?:_F)?\(\s*(\w+)\s*,\s*(\w+)\s*\)", text, re.M)]
    return names


def manifest_visibility(fixtures, exercise_id):
    """The visibility the exercise's manifest asks for ("visible" when it says none or
    cannot be read): the oracle for the gradescope report."""
    try:
        manifest = json.loads((fixtures / "course" / "exercises" / exercise_id / "exercise.json").read_text(encoding="utf-8"))
        return manifest.get("visibility", "visible")
    except (OSError, ValueError):
        return "visible"


# ---- one check per format ----------------------------------------------------------

def check_json(path, reference, args, p):
    try:
        import jsonschema
    except ImportError as e:
        raise Skip("python3-jsonschema is not installed") from e
    with open(args.schema, encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    with open(path, encoding="utf-8") as f:  # strict UTF-8: an invalid byte fails here
        report = json.load(f)
    for error in validator.iter_errors(report):
        p.expect(False, f"schema: {error.message} at {list(error.absolute_path)}")
    for e in report["exercises"]:
        p.expect(e.get("visibility", "visible") in VISIBILITIES, f"{e['id']}: bad visibility")
    refused = [e for e in report["exercises"] if e["status"] == "refused"]
    p.expect(report["summary"].get("exercises_refused", 0) == len(refused),
             f"summary.exercises_refused is not the {len(refused)} refused exercises")


def check_junit(path, reference, args, p):
    try:
        from junitparser import Error, Failure, JUnitXml, Skipped
    except ImportError as e:
        raise Skip("python3-junitparser is not installed") from e
    try:
        xml = JUnitXml.fromfile(str(path))  # a strict XML parser: bad characters fail here
    except Exception as e:  # the parser's own error types depend on its XML backend
        p.expect(False, f"not well-formed JUnit XML: {e}")
        return
    cases = {}
    for suite in xml:
        for case in suite:
            p.expect(case.classname == suite.name, f"{case.name}: classname {case.classname} is not its suite {suite.name}")
            cases[(case.classname, case.name)] = case
    expected = sum(len(e["tests"]) or (e["status"] != "passed") for e in reference["exercises"])
    p.expect(len(cases) == expected, f"{len(cases)} testcases, expected {expected} (one per hidden test)")
    kinds = {"failed": Failure, "crashed": Failure, "timeout": Failure, "sanitizer": Failure,
             "skipped": Skipped, "not_run": Error}
    failures = 0
    for e in reference["exercises"]:
        if e["status"] == "refused":
            check_junit_refused(e, cases, Error, p)
            continue
        for t in e["tests"]:
            case = cases.get((e["id"], t["name"]))
            if not p.expect(case is not None, f"no testcase {e['id']} {t['name']}"):
                continue
            results = list(case.result)
            if t["status"] == "passed":
                p.expect(not results, f"{t['name']}: passed but reported {results}")
                continue
            kind = kinds[t["status"]]
            p.expect(len(results) == 1 and isinstance(results[0], kind),
                     f"{t['name']}: {t['status']} should be a {kind.__name__}, got {results}")
            if results and t["status"] in FAILING:
                failures += 1
                p.expect(bool(results[0].message) and bool(results[0].text),
                         f"{t['name']}: the failure has no message or text")
                p.expect(t["message"].split("\n")[0] in results[0].text,
                         f"{t['name']}: the failure text is not the grader's message")
        if not e["tests"] and e["status"] != "passed":
            case = cases.get((e["id"], e["id"]))
            p.expect(case is not None and any(isinstance(r, Error) for r in case.result),
                     f"{e['id']}: not graded, but no <error> says so")
    p.expect(failures > 0 or not any(t["status"] in FAILING for e in reference["exercises"] for t in e["tests"]),
             "no failure in the JUnit report")
    for suite in xml:
        results = [r for case in suite for r in case.result]
        counted = (suite.tests, suite.failures, suite.errors, suite.skipped)
        actual = (len(list(suite)), sum(isinstance(r, Failure) for r in results),
                  sum(isinstance(r, Error) for r in results), sum(isinstance(r, Skipped) for r in results))
        p.expect(counted == actual, f"suite {suite.name} counts {counted}, its testcases say {actual}")


def check_junit_refused(e, cases, error, p):
    """Every testcase of a refused exercise (or its one stand-in) is an <error
    type="refused"> carrying the reason, whatever the test's own verdict."""
    names = [t["name"] for t in e["tests"]] or [e["id"]]
    for name in names:
        case = cases.get((e["id"], name))
        if not p.expect(case is not None, f"no testcase {e['id']} {name}"):
            continue
        results = list(case.result)
        p.expect(len(results) == 1 and isinstance(results[0], error) and results[0].type == "refused"
                 and e["message"] in (results[0].text or "") and results[0].message == e["message"].split("\n")[0],
                 f"{e['id']} {name}: refused, but not an <error type=\"refused\"> with the reason: {results}")


def check_gradescope(path, reference, args, p):
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    number = (int, float)
    p.expect(isinstance(results.get("score"), number), "score is not a number")
    p.expect(isinstance(results.get("max_score"), number), "max_score is not a number")
    p.expect(isinstance(results.get("output"), str), "output is not a string")
    p.expect(results.get("visibility") in VISIBILITIES, "bad top-level visibility")
    p.expect(results.get("stdout_visibility") in VISIBILITIES, "bad stdout_visibility")
    p.expect(isinstance(results.get("tests"), list) and results["tests"], "no tests[]")
    visibility = {e["id"]: manifest_visibility(args.fixtures, e["id"]) for e in reference["exercises"]}
    p.expect(set(visibility.values()) != {"visible"}, "the fixture has no exercise with a non-default visibility")
    total = maximum = 0
    for t in results.get("tests", []):
        name = t.get("name")
        p.expect(isinstance(name, str) and name, f"a test without a name: {t}")
        p.expect(isinstance(t.get("score"), number) and isinstance(t.get("max_score"), number),
                 f"{name}: score or max_score is not a number")
        p.expect(t.get("status", "passed") in {"passed", "failed"}, f"{name}: bad status {t.get('status')}")
        p.expect(isinstance(t.get("output", ""), str), f"{name}: output is not a string")
        p.expect(t.get("visibility") == visibility.get(name.split(":")[0]),
                 f"{name}: visibility {t.get('visibility')}, the manifest says {visibility.get(name.split(':')[0])}")
        p.expect(t.get("status") != "passed" or t["score"] == t["max_score"], f"{name}: passed without full score")
        total += t.get("score", 0)
        maximum += t.get("max_score", 0)
    summary = reference["summary"]
    p.expect(total == results.get("score") == summary["score"],
             f"tests sum to {total}, score is {results.get('score')}, the grader says {summary['score']}")
    p.expect(maximum == results.get("max_score") == summary["max_score"],
             f"tests' max_score sum to {maximum}, max_score is {results.get('max_score')}")
    hidden_tests = sum(1 for e in reference["exercises"] for t in e["tests"])
    p.expect(len(results["tests"]) >= hidden_tests, "fewer Gradescope tests than hidden tests")
    for e in reference["exercises"]:
        if e["status"] != "refused":
            continue
        entries = [t for t in results.get("tests", []) if t.get("name", "").split(":")[0] == e["id"]]
        p.expect(len(entries) == len(e["tests"]) + 1, f"{e['id']}: refused, expected a refused entry and one per test")
        for t in entries:
            p.expect(t.get("score") == 0 and t.get("status") == "failed" and e["message"] in t.get("output", ""),
                     f"{t.get('name')}: refused, but not failed at 0 points with the reason")


def check_exercism(path, reference, args, p):
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    p.expect(results.get("version") == 3, "version is not 3")
    status = results.get("status")
    p.expect(status in {"pass", "fail", "error"}, f"bad status {status}")
    p.expect((status == "error") == isinstance(results.get("message"), str),
             "a top-level message must be there exactly when the status is error")
    tests = results.get("tests", [])
    for t in tests:
        name = t.get("name")
        p.expect(isinstance(name, str) and name, f"a test without a name: {t}")
        p.expect(t.get("status") in {"pass", "fail", "error"}, f"{name}: bad status")
        if t.get("status") != "pass":
            p.expect(isinstance(t.get("message"), str) and t["message"], f"{name}: no message")
        if "output" in t:
            p.expect(isinstance(t["output"], str) and len(t["output"]) <= 500,
                     f"{name}: output of {len(t.get('output') or '')} characters, the limit is 500")
        if "test_code" in t:
            p.expect(isinstance(t["test_code"], str), f"{name}: test_code is not a string")
    # Order: per exercise, the suite's source order (skipped tests are left out).
    listed = [t["name"] for t in tests]
    expected = []
    for e in reference["exercises"]:
        statuses = {t["name"]: t["status"] for t in e["tests"]}
        if not e["tests"] and e["status"] != "passed":
            expected.append(e["id"])
        expected += [f"{e['id']}: {n}" for n in suite_order(args.fixtures, e["id"])
                     if statuses.get(n, "skipped") != "skipped"]
    p.expect(listed == expected, f"tests in the order {listed}, the suites say {expected}")
    for e in reference["exercises"]:
        if e["status"] != "refused":
            continue
        p.expect(status == "error" and e["message"] in results.get("message", ""),
                 f"{e['id']} is refused: the status should be error with the reason")
        for t in tests:
            if t["name"] == e["id"] or t["name"].startswith(f"{e['id']}: "):
                p.expect(t.get("status") == "error" and e["message"] in t.get("message", ""),
                         f"{t['name']}: refused, but not an error with the reason")
    all_passed = all(t["status"] == "pass" for t in tests)
    p.expect(status != "pass" or all_passed, "status pass with a test not passed")
    p.expect(status != "fail" or not all_passed, "status fail with every test passed")


def check_markdown(path, reference, args, p):
    data = path.read_bytes()
    p.expect(len(data) <= 1024 * 1024, f"{len(data)} bytes: GitHub's step summary limit is 1 MiB")
    text = data.decode("utf-8")  # strict
    summary = reference["summary"]
    p.expect(re.search(rf"^#+ .*\b{summary['score']}/{summary['max_score']}\b", text, re.M),
             "no heading with the total score")
    lines = text.splitlines()
    header = [i for i, line in enumerate(lines) if line.startswith("|") and line.rstrip().endswith("|")]
    p.expect(header and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", lines[header[0] + 1].strip()),
             "no GFM table (a header row followed by a delimiter row)")
    for e in reference["exercises"]:
        p.expect(re.search(rf"^\| {re.escape(e['id'])} \|.*\| {e['score']}/{e['max_score']} \|$", text, re.M),
                 f"no table row for {e['id']} with its points")
    failing = sum(1 for e in reference["exercises"] if e["status"] != "passed")
    p.expect(text.count("<details>") == text.count("</details>") == failing,
             f"expected {failing} <details> blocks, one per exercise not passed")
    for e in reference["exercises"]:
        if e["status"] == "refused":
            p.expect(re.search(rf"^\| {re.escape(e['id'])} \|.*refused.*\| 0/{e['max_score']} \|$", text, re.M),
                     f"{e['id']}: no table row saying refused")
            # As a reader sees it: backslash escapes and entities undone.
            shown = html.unescape(re.sub(r"\\(.)", r"\1", text))
            p.expect(e["message"] in shown, f"{e['id']}: the reason it was refused is not shown")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise Skip("chromium is not installed")


def page_requests(net_log):
    """URLs the page itself asked the network for: requests whose network isolation
    key is the file:// page (the browser's own background requests have other keys)."""
    with open(net_log, encoding="utf-8") as f:
        log = json.load(f)
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return sorted({e["params"]["url"] for e in log["events"]
                   if e["type"] == start and "url" in e.get("params", {})
                   and e["params"].get("network_isolation_key", "").startswith("file://")
                   and not e["params"]["url"].startswith(("file:", "data:", "about:"))})


def check_html(path, reference, args, p):
    browser = chromium()
    html = path.read_text(encoding="utf-8")
    p.expect(not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html, re.I), "an external URL in the page")
    p.expect(not re.search(r"<script|<link|<iframe|<object|<embed|<img", html, re.I), "a script or an embedded resource")
    for attribute in re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"' >]*)""", html, re.I):
        p.expect(attribute.startswith("#"), f"a reference out of the page: {attribute}")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        screenshot, net_log = scratch / "page.png", scratch / "net.json"
        common = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  f"--user-data-dir={scratch / 'profile'}", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-default-apps",
                  # Nothing resolves: a request the page makes is logged, never sent.
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1200,1600"]
        url = path.resolve().as_uri()
        shot = subprocess.run(common + [f"--screenshot={screenshot}", f"--log-net-log={net_log}",
                                        "--enable-logging=stderr", "--v=0", url],
                              capture_output=True, text=True, errors="replace", timeout=120)
        p.expect(shot.returncode == 0, f"chromium --screenshot failed: {shot.stderr[-1500:]}")
        png = screenshot.read_bytes() if screenshot.is_file() else b""
        p.expect(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20000,
                 f"the screenshot is missing or blank ({len(png)} bytes)")
        console = [line for line in shot.stderr.splitlines() if ":CONSOLE" in line]
        p.expect(not console, f"console messages while loading: {console[:3]}")
        if net_log.is_file():
            requests = page_requests(net_log)
            p.expect(not requests, f"the page requested {requests}")
        else:
            p.expect(False, "chromium wrote no net log")
        dom = subprocess.run(common + ["--dump-dom", url], capture_output=True, text=True,
                             errors="replace", timeout=120)
    p.expect(dom.returncode == 0 and "</html>" in dom.stdout, "chromium --dump-dom failed")
    text = re.sub(r"<[^>]+>", " ", dom.stdout)
    summary = reference["summary"]
    p.expect(f"{summary['score']}/{summary['max_score']}" in text, "the DOM does not show the total score")
    for e in reference["exercises"]:
        p.expect(e["id"] in text, f"the DOM does not show exercise {e['id']}")
        p.expect(f"{e['score']}/{e['max_score']}" in text, f"the DOM does not show {e['id']}'s points")
        if e["status"] == "refused":
            p.expect("Refused, 0 points" in text and e["message"] in text,
                     f"the DOM does not say {e['id']} was refused and why")


CHECKS = {"json": check_json, "junit": check_junit, "gradescope": check_gradescope,
          "exercism": check_exercism, "markdown": check_markdown, "html": check_html}


def render(args, fmt, report, output, *refuse):
    run = subprocess.run([args.renderer, fmt, str(report), str(output), *refuse],
                         capture_output=True, text=True, errors="replace", timeout=60)
    if run.returncode != 0 or not output.is_file():
        raise SystemExit(f"render_report {fmt} failed ({run.returncode}): {run.stderr[-2000:]}")


def refused_report(args, out):
    """Writes out/refused/reference.json, the graded reference with args.refuse refused,
    and the report in args.format made from it. Returns: the report's path."""
    if not args.renderer:
        raise SystemExit("--refuse needs --renderer")
    refused = out / "refused"
    refused.mkdir(exist_ok=True)
    render(args, "json", out / "reference.json", refused / "reference.json",
           "--refuse", args.refuse, REFUSAL.format(id=args.refuse))
    path = refused / FILES[args.format]
    render(args, args.format, refused / "reference.json", path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("format", choices=sorted(CHECKS))
    parser.add_argument("--grader", required=True)
    parser.add_argument("--fixtures", required=True, type=Path)
    parser.add_argument("--schema", required=True, type=Path)
    parser.add_argument("--work", required=True, type=Path, help="workspace and build dir, kept between runs")
    parser.add_argument("--submission", default="", help="a case of fixtures/submissions/ (default: the solutions)")
    parser.add_argument("--report", type=Path, help="check this file instead of grading (for testing the checks)")
    parser.add_argument("--reference", type=Path, help="with --report: the JSON report it was made from")
    parser.add_argument("--refuse", default="", help="an exercise to refuse in the graded report (needs --renderer)")
    parser.add_argument("--renderer", help="tests/formats/render_report, for --refuse")
    args = parser.parse_args()
    try:
        if args.report:
            path = args.report
            reference = json.loads(args.reference.read_text(encoding="utf-8"))
        else:
            prepare_workspace(args.fixtures, args.submission, args.work / "workspace")
            out = args.work / "reports" / (args.submission or "solutions")
            out.mkdir(parents=True, exist_ok=True)
            grade(args, "json", out / "reference.json")
            if args.refuse:
                path = refused_report(args, out)
                reference = json.loads((out / "refused" / "reference.json").read_text(encoding="utf-8"))
            else:
                reference = json.loads((out / "reference.json").read_text(encoding="utf-8"))
                path = out / FILES[args.format]
                stdout = grade(args, args.format, path)
                if "points," not in stdout:
                    print(f"with --output, stdout should have the text summary, got: {stdout[:500]}", file=sys.stderr)
                    return 1
        problems = Problems()
        CHECKS[args.format](path, reference, args, problems)
    except Skip as e:
        print(f"skipped: {e}", file=sys.stderr)
        return SKIP
    for problem in problems.found:
        print(f"{path}: {problem}", file=sys.stderr)
    if not problems.found:
        print(f"{path}: a valid {args.format} report")
    return 1 if problems.found else 0


if __name__ == "__main__":
    sys.exit(main())
