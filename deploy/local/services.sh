#!/usr/bin/env bash
# Starts (or stops) RabbitMQ and PostgreSQL on loopback for tests and local clusters. Idempotent.
#   deploy/local/services.sh start|stop|status|env
# PostgreSQL: database and role "molgrid" (password "molgrid") on 127.0.0.1:5432.
# RabbitMQ:   guest/guest on 127.0.0.1:5672 (guest may only connect from loopback).
set -euo pipefail
say() { echo "molgrid services: $*" >&2; }

rabbit_up() { rabbitmqctl -q status >/dev/null 2>&1; }
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
  if ! rabbit_up; then
    say "starting RabbitMQ on loopback"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1 \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
      rabbitmq-server -detached >/dev/null 2>&1 || true
    # -detached returns before the node registers with epmd, and await_startup gives up at once on a node
    # epmd does not know yet, so poll until the node answers.
    for _ in $(seq 1 120); do rabbit_up && break; sleep 0.5; done
    if ! rabbit_up; then
      say "RabbitMQ did not start within 60 s; the end of its log:"
      tail -n 40 /var/log/rabbitmq/rabbit@"$(hostname -s)".log >&2 2>/dev/null || true
      exit 1
    fi
    rabbitmqctl -q await_startup --timeout 60 >/dev/null
  fi
}

stop() {
  rabbit_up && rabbitmqctl -q stop >/dev/null 2>&1 || true
  pg_up && pg_ctlcluster 15 main stop || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) echo "postgres: $(pg_up && echo up || echo down)"; echo "rabbitmq: $(rabbit_up && echo up || echo down)" ;;
  # The addresses grid processes take (molgrid silo/orchestrator --bus/--store), as shell exports.
  env) echo "export MOLGRID_BUS=rabbitmq://127.0.0.1:5672"; echo "export MOLGRID_STORE=postgres://molgrid:molgrid@127.0.0.1:5432/molgrid" ;;
  *) say "usage: $0 start|stop|status|env"; exit 2 ;;
esac
