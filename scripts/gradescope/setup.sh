#!/usr/bin/env bash
# setup.sh — Gradescope runs it once, as root, when it builds the autograder's image
# (the zip unpacked in /autograder/source; AUTOGRADER_ROOT overrides /autograder).
#
# It installs the course's Debian packages (the list scripts/setup keeps), builds the
# grader, then grades the stubs once so that a submission's grading rebuilds only the
# files it changed.
set -euo pipefail
cd "$(dirname "$0")"

mapfile -t packages < <(workbook/scripts/setup --print-packages)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ! apt-get install -y -qq --no-install-recommends "${packages[@]}"; then
  # Gradescope's images are Ubuntu, where a package may be missing or be a snap
  # (chromium): install the others, since grading needs only the compiler and libraries.
  for package in "${packages[@]}"; do
    apt-get install -y -qq --no-install-recommends "$package" ||
      echo "setup.sh: could not install $package; going on without it" >&2
  done
fi

(cd workbook && cmake --preset default >/dev/null && cmake --build --preset default --target grader)
./run_autograder --warm-up
