#!/usr/bin/env python3
"""Every exercise README states the tests and points the grader counts.

    check_readme_counts.py COURSE_ROOT [EXERCISE...]  # exit 0 when the stated counts are right
    check_readme_counts.py --self-test      # proves a wrong count is caught

N is the number of TEST/TEST_F cases in grader/suites/<exercise>/*.cpp; P is what
exercise.json gives them: points.default each, or the points.tests entry of the test.
A README edited by hand drifts from its suite the day a test is added; this catches it.
"""
import json
import pathlib
import re
import sys
import tempfile

# After whitespace is collapsed and bold marks dropped: "31 tests, 47 points", "a suite of
# 35 GoogleTest tests (49 points)", or "a suite of 32 tests ... 38 points in all".
TESTS = re.compile(r"(\d+) (?:GoogleTest )?tests\b")
POINTS = re.compile(r"(\d+) points in all|tests(?:,| \() ?(\d+) points")
CASE = re.compile(r"^\s*TEST(?:_F)?\(\s*(\w+)\s*,\s*(\w+)\s*\)", re.MULTILINE)


def suite_counts(root, exercise):
    """Returns (tests, points) the grader counts for one exercise."""
    names = []
    for source in sorted((root / "grader" / "suites" / exercise).glob("*.cpp")):
        names += [f"{suite}.{test}" for suite, test in CASE.findall(source.read_text())]
    points = json.loads((root / "exercises" / exercise / "exercise.json").read_text())["points"]
    default, special = points.get("default", 1), points.get("tests", {})
    return len(names), sum(special.get(name, default) for name in names)


def stated_counts(text):
    """Returns the (tests, points) a README states, None for what it does not state."""
    flat = re.sub(r"\s+", " ", text.replace("**", ""))
    tests, points = TESTS.search(flat), POINTS.search(flat)
    return (int(tests[1]) if tests else None,
            int(points[1] or points[2]) if points else None)


def problems(root, exercises=()):
    """Returns one line per README (of `exercises`, or every one) whose counts are wrong."""
    found = []
    readmes = [root / "exercises" / e / "README.md" for e in exercises] or sorted(
        (root / "exercises").glob("*/README.md"))
    for readme in readmes:
        stated = stated_counts(readme.read_text())
        counted = suite_counts(root, readme.parent.name)
        if stated != counted:
            found.append(f"{readme.relative_to(root)}: says {stated[0]} tests, {stated[1]} "
                         f"points; the suite has {counted[0]} tests, {counted[1]} points")
    return found


def self_test():
    """A course of one exercise whose README is one test short must be reported."""
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "exercises" / "01-x").mkdir(parents=True)
        (root / "grader" / "suites" / "01-x").mkdir(parents=True)
        (root / "exercises" / "01-x" / "exercise.json").write_text(
            json.dumps({"points": {"default": 1, "tests": {"A.B": 3}}}))
        (root / "grader" / "suites" / "01-x" / "a_test.cpp").write_text(
            "TEST(A, B) {}\nTEST_F(A, C) {}\n")
        readme = root / "exercises" / "01-x" / "README.md"
        readme.write_text("A hidden suite (2 tests, 4 points).")
        assert problems(root) == [], problems(root)
        readme.write_text("A hidden suite (1 tests, 4 points).")
        assert len(problems(root)) == 1, "a wrong count went unnoticed"
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    found = problems(pathlib.Path(argv[1]), argv[2:])
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
