#!/usr/bin/env bash
# The store every app of npm start shares: PostgreSQL at DATABASE_URL when it is set (nothing is
# started), else the embedded store (PGlite, data in $MOTCUA_STATE_DIR/store, the folder earlier
# installs used) served over PostgreSQL's protocol by apps/store-server, run from its production
# build (dist/apps/store-server/main.js). The apps then all read DATABASE_URL, as in production.
# It brings the schema up to date before it reports ready. Listens on 127.0.0.1 only, without a
# password (like the local Kafka broker and Temporal dev server).
# Usage: store.sh start|stop|status|url|env
#   env     the line the apps read:  DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres
#
# Environment:
#   DATABASE_URL       a PostgreSQL server run elsewhere: nothing is started, `start` checks it answers
#   STORE_DIR          the embedded store's data folder (default $MOTCUA_STATE_DIR/store)
#   STORE_PORT         port (default: a free port, chosen at each start)
#   MOTCUA_STATE_DIR   state dir (default <repo>/.infra); the server's files go to
#                      $MOTCUA_STATE_DIR/store-server/: store-server.pid, store-server.log, url
set -euo pipefail
LOG_TAG=store
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOTCUA_ROOT"

SERVER_STATE="$STATE_DIR/store-server"
PIDFILE="$SERVER_STATE/store-server.pid"
LOGFILE="$SERVER_STATE/store-server.log"
URL_FILE="$SERVER_STATE/url"
DATA_DIR="${STORE_DIR:-$STATE_DIR/store}"
MAIN="dist/apps/store-server/main.js"
CMD_MARK="$MAIN"

# answers URL: a PostgreSQL session opens there and runs a query.
answers() {
  node -e '
    const { Client } = require("pg");
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
    c.connect().then(() => c.query("select 1")).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' "$1"
}

# logged_ready OFFSET: the server logged "store server ready" after the first OFFSET bytes of its log.
logged_ready() { tail -c "+$(($1 + 1))" "$LOGFILE" 2>/dev/null | grep -qF '"msg":"store server ready"'; }

start() {
  if [[ -n ${DATABASE_URL:-} ]]; then
    log "DATABASE_URL is set: not starting the embedded store server, checking that PostgreSQL answers"
    WAIT_PIDFILE="" wait_for 30 /dev/null "PostgreSQL at DATABASE_URL" answers "$DATABASE_URL" ||
      die "no PostgreSQL session could be opened at DATABASE_URL"
    return 0
  fi
  mkdir -p "$SERVER_STATE" "$DATA_DIR"
  chmod 700 "$SERVER_STATE" "$DATA_DIR"
  if pid_alive "$PIDFILE" "$CMD_MARK"; then
    local running; running=$(<"$URL_FILE")
    WAIT_PIDFILE="$PIDFILE" wait_for 30 "$LOGFILE" "the store server at $running" answers "$running" || exit 1
    log "already running (pid $(<"$PIDFILE")) at $running"
    return 0
  fi
  rm -f "$PIDFILE"
  [[ -s $MAIN ]] || die "$MAIN is missing: build it first (npx nx run store-server:build)"

  local t0 port from url
  t0=$(now_ms)
  if [[ -n ${STORE_PORT:-} ]]; then port=$STORE_PORT; else port=$(free_port 1); fi
  port_free "$port" || die "port 127.0.0.1:$port is in use (set STORE_PORT, or DATABASE_URL to use a PostgreSQL server)"
  url="postgres://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$URL_FILE"
  from=$(stat -c %s "$LOGFILE" 2>/dev/null || echo 0)
  log "starting the store server on 127.0.0.1:$port (data ${DATA_DIR#"$MOTCUA_ROOT"/}, log ${LOGFILE#"$MOTCUA_ROOT"/})"
  start_detached "$PIDFILE" "$LOGFILE" env STORE_DIR="$DATA_DIR" STORE_HOST=127.0.0.1 STORE_PORT="$port" node --enable-source-maps "$MAIN"
  WAIT_PIDFILE="$PIDFILE" wait_for 120 "$LOGFILE" "the store server at $url" logged_ready "$from" || {
    stop_pidfile "$PIDFILE" 30 "$CMD_MARK"; exit 1; }
  answers "$url" || { stop_pidfile "$PIDFILE" 30 "$CMD_MARK"; die "the store server logged ready but does not answer at $url"; }
  log "store server up at $url (pid $(<"$PIDFILE")) in $(elapsed_s "$t0")s"
}

stop() {
  # PGlite's clean shutdown takes a few seconds on a large store: a TERM, then time.
  stop_server "store server" "${DATABASE_URL:-}" "$PIDFILE" 60 "$CMD_MARK"
}

# url: the running (or external) store's URL; fails if none.
url() {
  if [[ -n ${DATABASE_URL:-} ]]; then echo "$DATABASE_URL"; return 0; fi
  pid_alive "$PIDFILE" "$CMD_MARK" && [[ -s $URL_FILE ]] || return 1
  cat "$URL_FILE"
}

print_env() {
  local u
  u=$(url) || { log "the store server is not running (state $STATE_DIR)"; return 1; }
  echo "DATABASE_URL=$u"
}

status() {
  local u
  if ! u=$(url); then echo "store: not running (state $SERVER_STATE)"; return 3; fi
  # An external URL may carry a password: it is not printed.
  local where="embedded, served at $u (pid $(cat "$PIDFILE" 2>/dev/null), data $DATA_DIR)"
  [[ -n ${DATABASE_URL:-} ]] && where="PostgreSQL at DATABASE_URL"
  if answers "$u"; then echo "store: $where"; return 0; fi
  echo "store: $where, but it does not answer (log: $LOGFILE)"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|url|env" >&2; exit 2 ;;
esac
