#!/usr/bin/env python3
"""Validates grader JSON reports against grader/report.schema.json.

usage: validate_report.py SCHEMA REPORT...
Exit status: 0 when every report is valid (and strict UTF-8), 1 when one is not
(the reason on stderr), 77 when python3-jsonschema is not installed.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    for path in sys.argv[2:]:
        try:
            # encoding="utf-8" with the default strict errors: an invalid byte fails here.
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
            validator.validate(report)
        except (ValueError, jsonschema.ValidationError) as e:
            print(f"{path}: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
