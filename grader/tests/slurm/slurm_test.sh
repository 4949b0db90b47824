#!/usr/bin/env bash
# ctest slurm.class: scripts/slurm/grade-class.sbatch on a real one-node Slurm cluster.
#
#   slurm_test.sh GRADER PROJECT_DIR FIXTURES_DIR
#
# Starts munged, slurmctld and slurmd (Debian's munge and slurm-wlm, installed by
# scripts/setup) on localhost with a one-node slurm.conf in a temporary directory, on free
# ports, so it touches no system configuration. Submits the array job over the fixture
# course's submissions, waits for the merge job, and compares the merged class files with
# a one-machine `grader batch` of the same submissions, byte for byte. The daemons are
# stopped on every exit. Exit 77 (a skip, with the reason) where they cannot start.
set -euo pipefail
grader=$(realpath "$1") project=$(realpath "$2") fixtures=$(realpath "$3")
readonly kStartSeconds=30 kJobSeconds=600

skip() {
  echo "SKIP: $*"
  exit 77
}
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/setup installs munge and slurm-wlm)"
done
# slurmd starts job steps as their owner: only root can, on a machine of its own.
[[ $(id -u) -eq 0 ]] || skip "slurmd must run as root to start jobs; this test runs as $(id -un)"

work=$(mktemp -d "${TMPDIR:-/tmp}/mw-slurm.XXXXXX")
cleanup() {
  # Only the daemons this test started, by the pid files they wrote.
  for daemon in slurmd slurmctld munged; do
    if [[ -f "$work/$daemon.pid" ]]; then kill "$(cat "$work/$daemon.pid")" 2>/dev/null || true; fi
  done
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
node=$(hostname -s)
mkdir -p "$work/state" "$work/spool"
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none
chmod 600 "$work/munge.key"
munged --force --socket="$work/munge.sock" --key-file="$work/munge.key" \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munged.seed" ||
  skip "munged did not start: $(tail -n 3 "$work/munged.log" 2>/dev/null)"

export SLURM_CONF=$work/slurm.conf
cat >"$SLURM_CONF" <<CONF
# One node, this machine; every path in the test's own directory.
ClusterName=mwtest
SlurmctldHost=$node
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -i 2>/dev/null || skip "slurmctld did not start: $(tail -n 3 "$work/slurmctld.log" 2>/dev/null)"
slurmd 2>/dev/null || skip "slurmd did not start: $(tail -n 3 "$work/slurmd.log" 2>/dev/null)"
for ((i = 0; i < kStartSeconds; ++i)); do
  if [[ $(sinfo -h -N -o %t 2>/dev/null) == idle* ]]; then break; fi
  sleep 1
done
[[ $(sinfo -h -N -o %t 2>/dev/null) == idle* ]] ||
  skip "the node did not come up: $(tail -n 3 "$work/slurmd.log" "$work/slurmctld.log" 2>/dev/null)"

# The class: every fixture submission, a student each, and the solutions as one more.
subs=$work/submissions
mkdir -p "$subs"
cp -r "$fixtures"/submissions/* "$subs/"
cp -r "$fixtures/course/solutions" "$subs/solutions"
start=$SECONDS
ids=$(GRADER=$grader COURSE=$fixtures/course SUBMISSIONS=$subs OUT=$work/out SHARDS=2 \
  MEM_PER_CPU=400M TIME_LIMIT=00:10:00 "$project/scripts/slurm/grade-class.sbatch")
echo "$ids"
for ((i = 0; i < kJobSeconds; ++i)); do
  if [[ -z $(squeue -h -o %i) ]]; then break; fi
  sleep 1
done
cat "$work"/out/slurm-logs/*.log
[[ -f "$work/out/gradebook.csv" ]] || {
  echo "FAIL: no merged gradebook after $((SECONDS - start)) s"
  exit 1
}
echo "slurm: graded and merged in $((SECONDS - start)) s"

# The one-machine batch, with the cluster's verdicts (so it only replays them).
mkdir -p "$work/whole"
cp -r "$work/out/cache" "$work/whole/cache"
"$grader" --root "$fixtures/course" batch "$subs" --out "$work/whole" >/dev/null
status=0
for file in gradebook.csv summary.json summary.md summary.html; do
  cmp "$work/out/$file" "$work/whole/$file" || status=1
done
cat "$work/out/gradebook.csv"
exit $status
