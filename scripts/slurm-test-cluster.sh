#!/usr/bin/env bash
# Starts or stops a private one-node Slurm cluster (munged + slurmctld + slurmd) for tests.
#
#   scripts/slurm-test-cluster.sh start DIR   # prints `export SLURM_CONF=DIR/slurm.conf`
#   scripts/slurm-test-cluster.sh stop DIR    # kills exactly the daemons started in DIR
#
# Everything lives in DIR (config, munge key and socket, spool, state, logs, pid files) and the
# daemons listen on their own ports, so the system's Slurm or munge (if any) is not touched.
# Needs root (slurmd runs jobs), Debian's slurm-wlm and munge, no systemd, no cgroups
# (ProctrackType=proctrack/linuxproc, TaskPlugin=task/none).
# Exit codes of `start`: 0 up, 3 cannot run here (not root, not installed), 1 failed to start.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

stop() {
  # Cancel this cluster's jobs first, so no job step (slurmstepd and its task) outlives slurmd.
  if [ -f "$dir/slurm.conf" ] && [ -f "$dir/run/slurmctld.pid" ]; then
    export SLURM_CONF="$dir/slurm.conf"
    jobs=$(squeue -h -o %A 2>/dev/null | sort -u || true)
    if [ -n "$jobs" ]; then
      # shellcheck disable=SC2086
      scancel --full $jobs 2>/dev/null || true
      for _ in $(seq 100); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.1; done
    fi
  fi
  # Then the daemons, by the pids they wrote.
  for name in slurmd slurmctld munged; do
    f="$dir/run/$name.pid"
    [ -f "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

if [ "$cmd" = stop ]; then
  stop
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

if [ "$(id -u)" -ne 0 ]; then
  echo "slurm-test-cluster: needs root (slurmd must run jobs); running as uid $(id -u)" >&2
  exit 3
fi
for bin in /usr/sbin/slurmctld /usr/sbin/slurmd /usr/sbin/munged /usr/bin/sbatch; do
  [ -x "$bin" ] || { echo "slurm-test-cluster: $bin not installed (apt-get install slurm-wlm munge)" >&2; exit 3; }
done

mkdir -p "$dir"/{run,spool/slurmd,state,log,munge}
dir=$(cd "$dir" && pwd)
chmod 755 "$dir"
host=$(hostname -s)
cpus=$(nproc)
mem_mb=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
# Ports of our own, away from a system cluster's 6817/6818.
ctld_port=${SOHOA_SLURMCTLD_PORT:-16817}
slurmd_port=${SOHOA_SLURMD_PORT:-16818}

# munged refuses keys and sockets that others can write; it runs as root here, so root owns.
key="$dir/munge/munge.key"
[ -f "$key" ] || { head -c 1024 /dev/urandom > "$key"; chmod 400 "$key"; }
chmod 700 "$dir/munge"
/usr/sbin/munged --force --key-file="$key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" \
  --seed-file="$dir/munge/munged.seed" 2>>"$dir/log/munged.stderr" || {
  echo "slurm-test-cluster: munged failed to start:" >&2; cat "$dir/log/munged.stderr" "$dir/log/munged.log" >&2 2>/dev/null || true
  stop; exit 1; }

cat > "$dir/slurm.conf" <<CONF
ClusterName=sohoatest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
MpiDefault=none
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmdSpoolDir=$dir/spool/slurmd
StateSaveLocation=$dir/state
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MaxArraySize=10001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"

fail() {
  echo "slurm-test-cluster: $1; logs:" >&2
  tail -n 20 "$dir"/log/*.log >&2 2>/dev/null || true
  stop
  exit 1
}
/usr/sbin/slurmctld -f "$SLURM_CONF" -i || fail "slurmctld failed to start"
/usr/sbin/slurmd -f "$SLURM_CONF" -N "$host" || fail "slurmd failed to start"
for _ in $(seq 100); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
  case "$state" in idle|mixed|allocated) echo "export SLURM_CONF=$SLURM_CONF"; exit 0 ;; esac
  sleep 0.2
done
fail "node did not become idle (state: ${state:-none})"
