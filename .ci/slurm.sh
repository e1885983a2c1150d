#!/usr/bin/env bash
# A real single-node Slurm cluster for the sweep tests: `source .ci/slurm.sh; slurm_start` installs the Debian
# packages (about 16 s), writes munge's key and a one-node slurm.conf, and starts munged, slurmctld and slurmd in the
# background (no systemd); `slurm_stop` stops exactly those daemons by the PIDs it recorded.
# Needs root (CI runs as root). Facts this relies on: Slurm 22.05 from Debian 12; the node's RealMemory must stay
# below MemTotal or the node is INVAL; accounting is off (sacct does not work; squeue and scontrol do).

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
  mkdir -p /var/spool/slurmctld /var/spool/slurmd /etc/slurm
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=dslrunner-ci
SlurmctldHost=${node}
SlurmUser=root
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MailProg=/bin/true
MinJobAge=300
ReturnToService=2
NodeName=${node} CPUs=${cpus} RealMemory=${memory} State=UNKNOWN
PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP
CONF

  runuser -u munge -- munged -F > /tmp/munged.log 2>&1 &
  slurm_pids+=($!)
  sleep 0.5
  slurmctld -D -i > /tmp/slurmctld.log 2>&1 &
  slurm_pids+=($!)
  slurmd -D > /tmp/slurmd.log 2>&1 &
  slurm_pids+=($!)
  for _ in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -q idle; then echo "slurm: node ${node} idle"; return 0; fi
    sleep 0.5
  done
  echo "slurm: the node did not become idle"; sinfo; tail -5 /tmp/slurmctld.log /tmp/slurmd.log
  return 1
}

slurm_stop() {
  local pid
  for pid in "${slurm_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${slurm_pids[@]}"; do wait "$pid" 2>/dev/null; done
  slurm_pids=()
}
