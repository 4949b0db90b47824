#!/usr/bin/env python3
"""The grader's folders form layers: a folder includes only folders below its own.

The layers are the numbered list under "## Layers" in grader/src/README.md, bottom first;
folders on one line share a layer and must not include each other. This reads every
`#include "folder/..."` under grader/src and fails, printing each offending edge, when a
folder includes one on its own layer or above, or when a folder is not in the list.

    check_layers.py SRC_DIR       check SRC_DIR against SRC_DIR/README.md
    check_layers.py --self-test   prove the check fails on an upward edge and passes without
"""
import pathlib
import re
import sys
import tempfile

LAYER_LINE = re.compile(r"^\s*(\d+)\.\s+(.*)$")
FOLDER = re.compile(r"`([a-z_]+)/?`")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"')
TOP = "main.cpp"  # above every folder


def read_layers(readme: pathlib.Path) -> dict:
    """Returns: folder -> layer number, from the numbered list under '## Layers'."""
    layers, in_section = {}, False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_section = line.startswith("## Layers")
            continue
        match = LAYER_LINE.match(line) if in_section else None
        if match:
            # Only the folders named before the dash: the rest of the line explains them.
            names = match.group(2).split(" — ")[0]
            for folder in FOLDER.findall(names):
                layers[folder] = int(match.group(1))
    return layers


def problems_of(src: pathlib.Path) -> list:
    """Returns: one line per include that breaks the layering, and per unlisted folder."""
    layers = read_layers(src / "README.md")
    if not layers:
        return [f"{src / 'README.md'}: no numbered list of folders under '## Layers'"]
    top = max(layers.values()) + 1
    problems = []
    for folder in sorted(p.name for p in src.iterdir() if p.is_dir()):
        if folder not in layers:
            problems.append(f"{folder}/: not in the layer list of {src / 'README.md'}")
    for path in sorted(src.rglob("*.[ch]pp")):
        relative = path.relative_to(src)
        owner = relative.parts[0] if len(relative.parts) > 1 else TOP
        rank = layers.get(owner, top)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match or match.group(1) == owner:
                continue
            target = match.group(1)
            target_rank = layers.get(target, top)
            if target_rank >= rank:
                kind = "a folder beside it" if target_rank == rank else "upward"
                problems.append(f"{relative}:{number}: {owner} (layer {rank}) includes "
                                f"{target}/ (layer {target_rank}): {kind}")
    return problems


def self_test() -> int:
    """Returns: 0 when the check catches a planted upward edge and passes a clean tree."""
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp)
        (src / "low").mkdir()
        (src / "high").mkdir()
        (src / "README.md").write_text("## Layers\n\n1. `low` — below\n2. `high` — above\n")
        (src / "high" / "b.hpp").write_text('#include "low/a.hpp"\n')
        (src / "low" / "a.hpp").write_text("#pragma once\n")
        if problems_of(src):
            print("self-test: a clean tree was refused:", problems_of(src))
            return 1
        (src / "low" / "a.hpp").write_text('#pragma once\n#include "high/b.hpp"\n')
        found = problems_of(src)
        expected = "low/a.hpp:2: low (layer 1) includes high/ (layer 2): upward"
        if found != [expected]:
            print(f"self-test: expected [{expected!r}], got {found!r}")
            return 1
    print("self-test: an upward include is caught and printed; a clean tree passes")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src = pathlib.Path(sys.argv[1])
    problems = problems_of(src)
    for problem in problems:
        print(problem)
    files = sum(1 for _ in src.rglob("*.[ch]pp"))
    print(f"layering: {files} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
