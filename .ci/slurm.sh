#!/usr/bin/env bash
# A real single-node Slurm cluster for the sweep tests: `source .ci/slurm.sh; slurm_start` installs the Debian
# packages (about 16 s), writes munge's key and a one-node slurm.conf, and starts munged, slurmctld and slurmd in the
# background (no systemd); `slurm_stop` stops exactly those daemons by the PIDs it recorded.
# Needs root (CI runs as root). Facts this relies on: Slurm 22.05 from Debian 12; the node's RealMemory must stay
# below MemTotal or the node is INVAL; accounting is off (sacct does not work; squeue and scontrol do).
# The cluster keeps its configuration, state, spool and logs in a folder of its own, made anew at each start, and
# listens on ports of its own; SLURM_CONF points the clients (and the tests' sbatch) at it. So state left by another
# cluster on this machine (slurmctld refuses it: "CLUSTER NAME MISMATCH"), or such a cluster still running, is no
# obstacle.

slurm_root=${SLURM_CI_ROOT:-/var/lib/dslrunner-ci-slurm}

slurm_pids=()

slurm_start() {
  if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      slurmctld slurmd slurm-client munge >/dev/null || { echo "slurm: apt-get install failed"; return 1; }
  fi
  local node cpus memory
  node=$(hostname -s)
  cpus=$(nproc)
  memory=$(( $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) * 9 / 10 ))

  mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
  [ -s /etc/munge/munge.key ] || head -c 1024 /dev/urandom > /etc/munge/munge.key
  chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
  chmod 0400 /etc/munge/munge.key
  rm -rf "$slurm_root"
  mkdir -p "$slurm_root/state" "$slurm_root/spool" "$slurm_root/log"
  export SLURM_CONF="$slurm_root/slurm.conf"
  cat > "$SLURM_CONF" <<CONF
ClusterName=dslrunner-ci
SlurmctldHost=${node}
SlurmctldPort=6917
SlurmdPort=6918
SlurmUser=root
StateSaveLocation=${slurm_root}/state
SlurmdSpoolDir=${slurm_root}/spool
SlurmctldPidFile=${slurm_root}/slurmctld.pid
SlurmdPidFile=${slurm_root}/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,sched_interval=1
MailProg=/bin/true
MinJobAge=300
# A requeued job waits the credential lifetime before it may start again (120 s by default); the requeue tests need less.
AuthInfo=cred_expire=5
ReturnToService=2
NodeName=${node} CPUs=${cpus} RealMemory=${memory} State=UNKNOWN
PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP
CONF

  runuser -u munge -- munged -F > /tmp/munged.log 2>&1 &
  slurm_pids+=($!)
  sleep 0.5
  slurmctld -D -i -f "$SLURM_CONF" > "$slurm_root/log/slurmctld.log" 2>&1 &
  slurm_pids+=($!)
  slurmd -D -f "$SLURM_CONF" > "$slurm_root/log/slurmd.log" 2>&1 &
  slurm_pids+=($!)
  for _ in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -q idle; then echo "slurm: node ${node} idle"; return 0; fi
    sleep 0.5
  done
  echo "slurm: the node did not become idle"; sinfo; tail -5 "$slurm_root/log/slurmctld.log" "$slurm_root/log/slurmd.log"
  return 1
}

slurm_stop() {
  local pid
  for pid in "${slurm_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${slurm_pids[@]}"; do wait "$pid" 2>/dev/null; done
  slurm_pids=()
}
