#!/usr/bin/env bash
# The Gradescope autograder, end to end: package the fixture course, unpack the zip in a
# fake /autograder (AUTOGRADER_ROOT), and run run_autograder on fake submissions laid
# out three ways. Checks that the zip holds no solutions/ nor grader/mutants/, that
# results.json parses, that a solved exercise scores while the stubs do not, that a link in a
# submission is refused, not followed (run_autograder is `grader check --submission`, the
# batch's intake), and that tampering scores 0 and is reported refused.
#
#   gradescope_test.sh GRADER PROJECT_DIR FIXTURE_COURSE
set -euo pipefail
grader="$1"
project="$2"
fixture="$3"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

"$project/scripts/package-gradescope" --root "$fixture" --out "$tmp/autograder.zip" --grader "$grader"
root="$tmp/autograder"
mkdir -p "$root/source" "$root/results"
unzip -q "$tmp/autograder.zip" -d "$root/source"
for file in setup.sh run_autograder; do
  [[ -x "$root/source/$file" ]] || fail "$file is missing from the zip or not executable"
done
[[ -f "$root/source/course/exercises/01-arith/exercise.json" ]] || fail "the course is missing"
[[ -d "$root/source/course/grader/suites/01-arith" ]] || fail "the hidden suites are missing"
[[ -f "$root/source/workbook/scripts/setup" ]] || fail "the workbook (setup.sh builds the grader from it) is missing"
[[ -d "$fixture/grader/mutants" ]] || fail "the fixture course has no grader/mutants/ to leave out"
for release in workbook course; do
  [[ ! -e "$root/source/$release/solutions" ]] || fail "the zip holds $release/solutions/"
  # The author mutants are solutions with one bug each: instructor material.
  [[ ! -e "$root/source/$release/grader/mutants" ]] || fail "the zip holds $release/grader/mutants/"
done
grep -q 'scripts/setup --print-packages' "$root/source/setup.sh" || fail "setup.sh does not install scripts/setup's packages"

# Runs run_autograder on the submission in $root/submission; prints "score tests" of
# results.json, which must parse.
run() {
  rm -f "$root/results/results.json"
  AUTOGRADER_ROOT="$root" GRADER="$grader" "$root/source/run_autograder" >"$tmp/run.log" 2>&1 ||
    fail "run_autograder failed: $(tail -5 "$tmp/run.log")"
  python3 - "$root/results/results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
print(results["score"], len(results["tests"]))
PY
}

# A solution of 01-arith in the NN-name/<files> layout.
mkdir -p "$root/submission/01-arith"
cp "$fixture/solutions/01-arith/arith.cpp" "$root/submission/01-arith/"
read -r score tests < <(run)
echo "NN-name layout: score $score, $tests tests"
python3 -c "import sys; sys.exit(0 if float('$score') > 0 else 1)" || fail "a solved exercise scored $score"
((tests > 0)) || fail "results.json lists no tests"
grep -q '01-arith' "$root/results/results.json" || fail "results.json does not say which exercises were found"

# The same solution as a whole repository (exercises/NN-name/<files>) scores the same.
rm -rf "$root/submission" && mkdir -p "$root/submission/exercises/01-arith"
cp "$fixture/solutions/01-arith/arith.cpp" "$root/submission/exercises/01-arith/"
read -r repo_score _ < <(run)
[[ "$repo_score" == "$score" ]] || fail "exercises/NN-name layout scored $repo_score, not $score"

# The file uploaded alone scores the same too.
rm -rf "$root/submission" && mkdir -p "$root/submission"
cp "$fixture/solutions/01-arith/arith.cpp" "$root/submission/"
read -r flat_score _ < <(run)
[[ "$flat_score" == "$score" ]] || fail "a file uploaded alone scored $flat_score, not $score"

# A link to the solution is refused, not followed: the exercise is graded as the stub, and
# the student is told which file was refused.
rm -rf "$root/submission" && mkdir -p "$root/submission/01-arith"
ln -s "$fixture/solutions/01-arith/arith.cpp" "$root/submission/01-arith/arith.cpp"
read -r link_score _ < <(run)
python3 -c "import sys; sys.exit(0 if float('$link_score') == 0 else 1)" ||
  fail "a link to the solution scored $link_score: it was followed"
grep -q "refused symbolic link '01-arith/arith.cpp'" "$root/results/results.json" ||
  fail "results.json does not say the link was refused"
cmp -s "$root/workspace/01-arith/arith.cpp" "$fixture/exercises/01-arith/arith.cpp" ||
  fail "the workspace's 01-arith/arith.cpp is not the stub"

# Tampering earns nothing and says so: a solution that hides its leaks with the sanitizer
# hook (the tamper guard refuses it before the build) and one that writes forged result
# records into its inherited descriptors (the result channel refuses them).
hostile="$(dirname "$fixture")/hostile"
for case in lsan-turned-off write-records; do
  rm -rf "$root/submission" && mkdir -p "$root/submission/01-arith"
  cp "$hostile/$case/01-arith/arith.cpp" "$root/submission/01-arith/"
  read -r tamper_score _ < <(run)
  python3 -c "import sys; sys.exit(0 if float('$tamper_score') == 0 else 1)" ||
    fail "the $case submission scored $tamper_score"
  grep -q "refused" "$root/results/results.json" || fail "results.json does not say $case was refused"
done

# An empty submission is the stubs: nothing scores.
rm -rf "$root/submission" && mkdir -p "$root/submission"
read -r stub_score _ < <(run)
python3 -c "import sys; sys.exit(0 if float('$stub_score') == 0 else 1)" || fail "the stubs scored $stub_score"
echo "gradescope: ok (solution $score, stubs $stub_score)"
