#!/usr/bin/env bash
# End-to-end tests of the learner commands, on the real grader binary.
#
#   learner_test.sh GRADER PROJECT_DIR FIXTURE_COURSE CASE
#
# CASE is one of: hint_state, reset_bytes, corrupt_state, no_color, watch_tmux.
# Each prints what it checks and exits non-zero on the first check that fails.
set -euo pipefail
grader=$1
project=$2
fixture_course=$3
case_name=$4

tmp=$(mktemp -d)
# Each terminal session gets a tmux server of its own: restarting one server on the same
# socket races with the old one shutting down ("server exited unexpectedly").
tmux_socket="mw-learner-$$-1"
cleanup() {
  for socket in "mw-learner-$$-1" "mw-learner-$$-2"; do tmux -L "$socket" kill-server 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL ($case_name): $*" >&2
  exit 1
}
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else fail "$what"; fi
}

# A learner's workspace: a copy of the shipped stubs, so nothing here touches exercises/.
make_workspace() {
  mkdir -p "$tmp/ws"
  cp -r "$project/exercises/." "$tmp/ws/"
  rm -f "$tmp/ws/.grader-state.json"
}

# Waits up to $2 seconds for the tmux pane to show text matching $1.
wait_for_screen() {
  local pattern=$1 deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    if tmux -L "$tmux_socket" capture-pane -p -t learner 2>/dev/null | grep -q -- "$pattern"; then return 0; fi
    sleep 1
  done
  echo "--- screen ---" >&2
  tmux -L "$tmux_socket" capture-pane -p -t learner >&2 || true
  return 1
}

case "$case_name" in
hint_state)
  make_workspace
  first=$("$grader" hint 02 --workspace "$tmp/ws")
  check "the first call shows hint 1" grep -q "hint 1 of" <<<"$first"
  second=$("$grader" hint 02 --workspace "$tmp/ws")
  check "a second run remembers and shows hint 2" grep -q "hint 2 of" <<<"$second"
  check "the footer repeats the workspace" grep -qF "grader hint 02-tracking-allocator --workspace $tmp/ws\`" <<<"$second"
  check "hint 1 is not shown again" bash -c '! grep -q "hint 1 of" <<<"$1"' _ "$second"
  check "the state file records two hints" grep -q '"02-tracking-allocator": 2' "$tmp/ws/.grader-state.json"
  all=$("$grader" hint 02 --all --workspace "$tmp/ws")
  total=$(grep -c "hint [0-9]* of" <<<"$all")
  check "--all shows every hint ($total)" test "$total" -ge 3
  ;;

reset_bytes)
  make_workspace
  file=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["files"][0])' "$project/exercises/02-tracking-allocator/exercise.json")
  target="$tmp/ws/02-tracking-allocator/$file"
  "$grader" list >/dev/null  # the first run in the checkout takes the pristine copies
  pristine="$project/build/pristine/02-tracking-allocator/$file"
  check "a pristine copy exists" test -f "$pristine"
  printf 'learner work\n' >>"$target"
  if "$grader" reset 02 --workspace "$tmp/ws" </dev/null 2>"$tmp/err"; then fail "reset without --yes off a terminal must refuse"; fi
  check "refusing says why in one line" test "$(wc -l <"$tmp/err")" -eq 1
  check "refusing keeps the learner's work" grep -q "learner work" "$target"
  "$grader" reset 02 --yes --workspace "$tmp/ws" >/dev/null
  check "reset restores the bytes exactly" cmp "$pristine" "$target"
  again=$("$grader" reset 02 --yes --workspace "$tmp/ws")
  check "a second reset has nothing to do" grep -q "already as shipped" <<<"$again"
  ;;

corrupt_state)
  make_workspace
  printf '{"passed": [tru' >"$tmp/ws/.grader-state.json"
  "$grader" hint 02 --workspace "$tmp/ws" >"$tmp/out" 2>"$tmp/err" || fail "a corrupt state file must not fail the command"
  check "the corrupt file is reported in one line" test "$(grep -c unreadable "$tmp/err")" -eq 1
  check "the hint is still shown" grep -q "hint 1 of" "$tmp/out"
  check "a fresh, valid state file replaces it" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/ws/.grader-state.json"
  ;;

no_color)
  # On a terminal (tmux), colours appear by default and disappear with NO_COLOR;
  # --color=always forces them into a file.
  make_workspace
  "$grader" --color=always hint 02 --workspace "$tmp/ws" >"$tmp/always.txt"
  check "--color=always writes escape codes" grep -q $'\033\[' "$tmp/always.txt"
  tmux -L "$tmux_socket" new-session -d -s learner -x 150 -y 50 "$grader hint 02 --workspace $tmp/ws; sleep 30"
  wait_for_screen "hint" 30 || fail "hint never showed on the terminal"
  tmux -L "$tmux_socket" capture-pane -e -p -t learner >"$tmp/tty-colour.txt"
  check "on a terminal, colour is on by default" grep -q $'\033\[' "$tmp/tty-colour.txt"
  tmux_socket="mw-learner-$$-2"
  tmux -L "$tmux_socket" new-session -d -s learner -x 150 -y 50 "NO_COLOR=1 $grader hint 02 --workspace $tmp/ws; NO_COLOR=1 $grader list; sleep 30"
  wait_for_screen "points" 30 || fail "list never showed on the terminal"
  tmux -L "$tmux_socket" capture-pane -e -p -t learner >"$tmp/tty-plain.txt"
  check "with NO_COLOR, a terminal gets no escape codes" bash -c '! grep -q $'"'"'\033\['"'"' "$1"' _ "$tmp/tty-plain.txt"
  ;;

watch_tmux)
  # A copy of the fixture course, so watch builds there and never in the source tree.
  cp -r "$fixture_course" "$tmp/course"
  rm -rf "$tmp/course/build"
  tmux -L "$tmux_socket" new-session -d -s learner -x 150 -y 50 "$grader --root $tmp/course watch 01; echo WATCH-ENDED; sleep 30"
  wait_for_screen "01-arith: 0/" 300 || fail "watch never showed the failing stub"
  check "the screen names the first failing test" wait_for_screen "First failing test: Arith" 5
  check "the screen shows the keys" wait_for_screen "h hint" 5
  cp "$tmp/course/solutions/01-arith/arith.cpp" "$tmp/course/exercises/01-arith/arith.cpp"
  wait_for_screen "01-arith passes" 300 || fail "watch never showed the pass after the edit"
  echo "ok: saving the solution turns the screen into a pass"
  tmux -L "$tmux_socket" send-keys -t learner q
  wait_for_screen "WATCH-ENDED" 10 || fail "q did not end watch"
  echo "ok: q ends watch"
  ;;

*)
  fail "unknown case"
  ;;
esac
