#!/usr/bin/env bash
# Starts (or stops) PostgreSQL on loopback for tests and local clusters (Orleans' membership, grain state and
# reminders, and the grid store, all in one database). Idempotent.
#   deploy/local/services.sh start|stop|status|env
# PostgreSQL: database and role "molgrid" (password "molgrid") on 127.0.0.1:5432.
set -euo pipefail
say() { echo "molgrid services: $*" >&2; }

pg_up() { pg_lsclusters -h 2>/dev/null | awk '$1=="15" && $2=="main" {print $4}' | grep -q online; }

start() {
  if ! pg_up; then
    say "starting PostgreSQL 15 on loopback"
    pg_ctlcluster 15 main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='molgrid'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE ROLE molgrid LOGIN SUPERUSER PASSWORD 'molgrid'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='molgrid'\"" | grep -q 1 ||
    su postgres -c "createdb -O molgrid molgrid"
}

stop() {
  pg_up && pg_ctlcluster 15 main stop || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) echo "postgres: $(pg_up && echo up || echo down)" ;;
  # The cluster address grid processes take (molgrid silo|silos|serve --cluster), as a shell export.
  env) echo "export MOLGRID_CLUSTER=postgres://molgrid:molgrid@127.0.0.1:5432/molgrid" ;;
  *) say "usage: $0 start|stop|status|env"; exit 2 ;;
esac
