#!/usr/bin/env bash
# A MolGrid Orleans cluster on this machine: PostgreSQL on loopback (services.sh) holds Orleans' membership,
# grain state and reminders and the grid store; N `molgrid silo --cluster` processes of the built CLI each host
# campaign grains and the work grains of their roles (there is no orchestrator process and no broker). Each silo takes free ports.
# Idempotent: `up` starts only what is not running.
#   deploy/local/cluster.sh up [N] [--slots S] [--roles cpu,gpu,docking]   (default N=2, S=2)
#   deploy/local/cluster.sh down | status
# Logs and pid files: $MOLGRID_DATA/cluster (default .molgrid/cluster).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
say() { echo "molgrid cluster: $*" >&2; }
run_dir="${MOLGRID_DATA:-$root/.molgrid}/cluster"
cluster="${MOLGRID_CLUSTER:-postgres://molgrid:molgrid@127.0.0.1:5432/molgrid}"
dll="$root/src/MolGrid.Cli/bin/Release/net10.0/molgrid.dll"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_one() { # name pidfile args...
  local name="$1" pidfile="$2"; shift 2
  if alive "$pidfile"; then say "$name already running (pid $(cat "$pidfile"))"; return; fi
  # One model cache for every silo on this host: a data-trained QSAR model is trained once and shared.
  MOLGRID_HOME="$root" MOLGRID_MODEL_CACHE="${MOLGRID_MODEL_CACHE:-$run_dir/model-cache}" nohup dotnet "$dll" "$@" >"$run_dir/$name.log" 2>&1 &
  echo $! >"$pidfile"
  say "started $name (pid $!)"
}

up() {
  local n=2 slots=2 roles=cpu,gpu,docking
  if [[ "${1:-}" =~ ^[0-9]+$ ]]; then n="$1"; shift; fi
  while [ $# -gt 0 ]; do
    case "$1" in
      --slots) slots="$2"; shift 2 ;;
      --roles) roles="$2"; shift 2 ;;
      *) say "unknown option $1"; exit 2 ;;
    esac
  done
  "$root/deploy/local/services.sh" start
  "$root/scripts/setup.sh" demo
  mkdir -p "$run_dir"
  for i in $(seq 1 "$n"); do
    start_one "silo-$i" "$run_dir/silo-$i.pid" silo --cluster "$cluster" --roles "$roles" --slots "$slots" --port 0 --gateway-port 0
  done
  # Silos beyond N from an earlier, larger `up` are stopped, so `up N` means N.
  for f in "$run_dir"/silo-*.pid; do
    [ -e "$f" ] || continue
    i="${f##*/silo-}"; i="${i%.pid}"
    if [ "$i" -gt "$n" ]; then stop_one "$f" "silo-$i"; fi
  done
  say "cluster $cluster; list silos with: ./molgrid silos --cluster $cluster; serve with: ./molgrid serve --cluster $cluster"
}

stop_one() { # pidfile name
  if alive "$1"; then
    local pid; pid="$(cat "$1")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    say "stopped $2"
  fi
  rm -f "$1"
}

down() {
  [ -d "$run_dir" ] || { say "nothing running"; return; }
  for f in "$run_dir"/silo-*.pid; do [ -e "$f" ] && stop_one "$f" "$(basename "$f" .pid)"; done
}

status() {
  [ -d "$run_dir" ] || { echo "no cluster started"; return; }
  for f in "$run_dir"/*.pid; do
    [ -e "$f" ] || continue
    if alive "$f"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid): not running"; fi
  done
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  *) say "usage: $0 up [N] [--slots S] [--roles R] | down | status"; exit 2 ;;
esac
