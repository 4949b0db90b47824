#!/usr/bin/env python3
"""Every exercise README's lesson links are the sections its manifest names, in order.

    check_readme_lessons.py COURSE_ROOT GRADER   # exit 0 when READMEs and manifests agree
    check_readme_lessons.py --self-test          # proves a missing section is caught

A README tells the learner which lesson sections to read; `grader lesson ID` prints the
sections the manifest names ("lesson", then "also_read"). When the two lists differ, the
terminal shows half the reading. `grader lesson ID` is then run for every exercise: it
must succeed and show each section (one inside another already shown is shown once).
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

LINK = re.compile(r"\(\.\./\.\./(lessons/[^)#\s]+\.md#[^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)


def slug(heading):
    """Returns GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.strip().replace(" ", "-")


def heading_of(root, link):
    """Returns the text of the heading `link` ("lessons/x.md#anchor") points at, or None."""
    path, anchor = link.split("#", 1)
    for heading in HEADING.findall((root / path).read_text()):
        if slug(heading) == anchor:
            return heading
    return None


def readme_links(readme):
    """Returns the README's lesson links, first appearance first, each once."""
    links = []
    for link in LINK.findall(readme.read_text()):
        if link not in links:
            links.append(link)
    return links


def manifest_links(manifest):
    """Returns the sections a manifest names, in reading order."""
    m = json.loads(manifest.read_text())
    return ([m["lesson"]] if m.get("lesson") else []) + m.get("also_read", [])


def problems(root):
    """Returns one line per exercise whose README and manifest disagree."""
    found = []
    for readme in sorted((root / "exercises").glob("*/README.md")):
        manifest = readme.parent / "exercise.json"
        if not manifest.exists():
            continue
        want, have = readme_links(readme), manifest_links(manifest)
        if want != have:
            found.append(f"{manifest.relative_to(root)}: names {have}, its README links {want}")
    return found


def unreadable(root, grader):
    """Returns one line per exercise some of whose sections `grader lesson` does not show."""
    found = []
    for manifest in sorted((root / "exercises").glob("*/exercise.json")):
        run = subprocess.run([grader, "--root", str(root), "--color", "never", "lesson",
                              manifest.parent.name], capture_output=True, text=True)
        if run.returncode != 0:
            found.append(f"grader lesson {manifest.parent.name}: {run.stderr.strip()}")
            continue
        for link in manifest_links(manifest):
            heading = heading_of(root, link)
            if heading is None or heading not in run.stdout:
                found.append(f"grader lesson {manifest.parent.name}: does not show '{link}'")
    return found


def self_test():
    """An exercise whose manifest leaves out one README link must be reported."""
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "exercises" / "01-x").mkdir(parents=True)
        (root / "exercises" / "01-x" / "README.md").write_text(
            "Lesson: [A](../../lessons/days-1-2-a.md#a)\n"
            "Also: [B](../../lessons/days-1-2-a.md#b)\n")
        manifest = root / "exercises" / "01-x" / "exercise.json"
        manifest.write_text(json.dumps({"lesson": "lessons/days-1-2-a.md#a",
                                        "also_read": ["lessons/days-1-2-a.md#b"]}))
        assert problems(root) == [], problems(root)
        manifest.write_text(json.dumps({"lesson": "lessons/days-1-2-a.md#a"}))
        assert len(problems(root)) == 1, "a section left out went unnoticed"
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = pathlib.Path(argv[1])
    found = problems(root) + unreadable(root, argv[2])
    for line in found:
        print(line)
    print(f"readme_lessons: {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
