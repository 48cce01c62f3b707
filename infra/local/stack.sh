#!/usr/bin/env bash
# The whole local stack: Temporal dev server + Kafka broker (+ topic dossier.events).
# Usage: stack.sh up|down|status|env
#   up      install (idempotent), start Temporal and Kafka in parallel, create the topic, then print
#           the env lines (stdout) for the apps:
#             TEMPORAL_ADDRESS=127.0.0.1:7233
#             KAFKA_BROKERS=127.0.0.1:9092
#             TEMPORAL_UI=http://127.0.0.1:8233      (empty when headless or external)
#           e.g.  set -a; eval "$(infra/local/stack.sh up)"; set +a
#   down    stop both
#   status  print the state of both (exit 0 only if both run)
#   env     print the env lines of the running stack (fails if it is not running)
#
# A private instance beside the default one (e.g. for a test run next to `npm start`):
#   MOTCUA_STATE_DIR=$(mktemp -d) MOTCUA_FREE_PORTS=1 infra/local/stack.sh up
#   ... and the same MOTCUA_STATE_DIR for `env` and `down`.
# Everything temporal.sh and kafka.sh read applies (TEMPORAL_ADDRESS / KAFKA_BROKERS = use external
# servers; TEMPORAL_PORT, TEMPORAL_UI_PORT, TEMPORAL_HEADLESS, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
# KAFKA_PARTITIONS, ...).
set -euo pipefail
LOG_TAG=stack
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$MOTCUA_LOCAL_DIR/temporal.sh"
K="$MOTCUA_LOCAL_DIR/kafka.sh"

print_env() {
  local ta kb ui=""
  ta=$("$T" address) || { log "Temporal is not running (state $STATE_DIR)"; return 1; }
  kb=$("$K" brokers) || { log "Kafka is not running (state $STATE_DIR)"; return 1; }
  if [[ -z ${TEMPORAL_ADDRESS:-} ]]; then ui=$(cat "$TEMPORAL_STATE/ui" 2>/dev/null || true); fi
  echo "TEMPORAL_ADDRESS=$ta"
  echo "KAFKA_BROKERS=$kb"
  echo "TEMPORAL_UI=$ui"
}

up() {
  local t0; t0=$(now_ms)
  "$MOTCUA_LOCAL_DIR/install.sh" all
  local t_was=0 k_was=0
  "$T" address >/dev/null 2>&1 && t_was=1
  "$K" brokers >/dev/null 2>&1 && k_was=1
  log "starting Temporal and Kafka in parallel (state $STATE_DIR$([[ ${MOTCUA_FREE_PORTS:-0} == 1 ]] && echo ", free ports"))"
  local tp kp trc=0 krc=0
  "$T" start & tp=$!
  "$K" start & kp=$!
  wait "$tp" || trc=$?
  wait "$kp" || krc=$?
  if ((trc || krc)); then
    log "ERROR: start failed (temporal rc=$trc, kafka rc=$krc): stopping what this run started"
    ((t_was)) || "$T" stop || true
    ((k_was)) || "$K" stop || true
    exit 1
  fi
  log "stack up in $(elapsed_s "$t0")s"
  print_env
}

down() {
  local tp kp rc=0
  "$T" stop & tp=$!
  "$K" stop & kp=$!
  wait "$tp" || rc=1
  wait "$kp" || rc=1
  return "$rc"
}

status() {
  local rc=0
  "$T" status || rc=1
  "$K" status || rc=1
  return "$rc"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
