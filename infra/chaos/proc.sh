#!/usr/bin/env bash
# The processes of a chaos run, each a separate OS process in a session of its own (so that a kill -9
# takes it whole), with its pid file and log in $MOTCUA_STATE_DIR/apps/. run.ts calls this for every
# start, crash and restart; chaos.sh (which sets the environment) for the final stop.
# Usage: proc.sh start NAME | kill9 NAME | stop NAME | pid NAME      NAME: api, worker-1, worker-2, projector
#        proc.sh temporal-restart                  stop the dev server and start it again on its port and db file
#        proc.sh kafka-kill9 NODE... | kafka-start [NODE...]     (infra/local/kafka-cluster.sh)
#        proc.sh stop-apps                         stop every app this run started
set -euo pipefail
LOG_TAG=chaos
# shellcheck source=../local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
cd "$MOTCUA_ROOT"
APPS="$STATE_DIR/apps"
APP_NAMES=(api worker-1 worker-2 projector)
mkdir -p "$APPS"

http_ok() { node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"; }
logged_since() { tail -c "+$(($1 + 1))" "$2" 2>/dev/null | grep -qF "$3"; }

start_app() {
  local name=$1 pidfile="$APPS/$1.pid" logfile="$APPS/$1.log" from
  pid_alive "$pidfile" && die "$name runs already (pid $(<"$pidfile"))"
  touch "$logfile"
  from=$(stat -c %s "$logfile")
  case "$name" in
    api)
      start_detached "$pidfile" "$logfile" node --enable-source-maps dist/apps/api/main.js
      WAIT_PIDFILE="$pidfile" wait_for 120 "$logfile" "the API" http_ok "http://$API_HOST:$API_PORT/health" ;;
    worker-1 | worker-2)
      start_detached "$pidfile" "$logfile" env MOTCUA_WORKFLOW_BUNDLE=dist/apps/worker/workflow-bundle.js node --enable-source-maps dist/apps/worker/main.js
      WAIT_PIDFILE="$pidfile" wait_for 120 "$logfile" "$name" logged_since "$from" "$logfile" '"msg":"worker started"' ;;
    projector)
      start_detached "$pidfile" "$logfile" node --enable-source-maps dist/apps/projector/main.js
      WAIT_PIDFILE="$pidfile" wait_for 120 "$logfile" "the projector" http_ok "http://127.0.0.1:$PROJECTOR_PORT/metrics" ;;
    *) die "unknown app $name" ;;
  esac
}

kill9() { # SIGKILL to the app's whole process group: a crash, no shutdown hook runs
  local pidfile="$APPS/$1.pid" pid
  pid_alive "$pidfile" || die "$1 is not running"
  pid=$(<"$pidfile")
  kill -KILL -- "-$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$pidfile"
}

temporal_restart() {
  local addr
  addr=$(TEMPORAL_ADDRESS='' "$MOTCUA_LOCAL_DIR/temporal.sh" address) || die "no Temporal of this run is running"
  TEMPORAL_ADDRESS='' "$MOTCUA_LOCAL_DIR/temporal.sh" stop
  # The same port (the apps keep their address) and the same db file (temporal.sh: state/temporal.db).
  TEMPORAL_ADDRESS='' TEMPORAL_PORT="${addr##*:}" "$MOTCUA_LOCAL_DIR/temporal.sh" start
}

case "${1:-}" in
  start) start_app "$2" ;;
  kill9) kill9 "$2" ;;
  stop) stop_pidfile "$APPS/$2.pid" 15 ;;
  pid) cat "$APPS/$2.pid" ;;
  temporal-restart) temporal_restart ;;
  kafka-kill9) shift; "$MOTCUA_LOCAL_DIR/kafka-cluster.sh" kill "$@" ;;
  kafka-start) shift; "$MOTCUA_LOCAL_DIR/kafka-cluster.sh" start "$@" ;;
  stop-apps) for a in "${APP_NAMES[@]}"; do stop_pidfile "$APPS/$a.pid" 15 & done; wait ;;
  *) echo "usage: $0 start|kill9|stop|pid NAME | temporal-restart | kafka-kill9 NODE... | kafka-start [NODE...] | stop-apps" >&2; exit 2 ;;
esac
