#!/usr/bin/env bash
# Local PostgreSQL server (the binaries install.sh puts in .tools/postgres/<version>) for the store
# suite's PostgreSQL twin in npm test, and for trying the API against PostgreSQL (DATABASE_URL).
# npm start does not use it: the API's default store is the embedded one.
# Usage: postgres.sh start|stop|status|url
#   start   initdb once (database motcua, role motcua with a generated password), start the server on
#           127.0.0.1, wait until the role can log in, print DATABASE_URL=postgres://… on stdout
#   url     print the URL of the running server (nothing else), or fail
#
# Environment:
#   PG_PORT            port (default 5432; a free port when MOTCUA_FREE_PORTS=1)
#   PG_START_TIMEOUT   seconds to wait for the server (default 60)
#   MOTCUA_STATE_DIR   state dir (default <repo>/.infra); files go to $MOTCUA_STATE_DIR/postgres/:
#                      data/ (the cluster), postgres.log, postgres.pid, password, url
#   MOTCUA_FREE_PORTS  1 = pick a free port unless PG_PORT is given
#
# PostgreSQL refuses to run as root. Run by root (CI, containers), the server runs as the system user
# motcua-pg (created on first use, no home, no shell), which owns data/ and nothing else.
set -euo pipefail
LOG_TAG=postgres
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PIDFILE="$POSTGRES_STATE/postgres.pid"
LOGFILE="$POSTGRES_STATE/postgres.log"
DATA_DIR="$POSTGRES_STATE/data"
PASSWORD_FILE="$POSTGRES_STATE/password"
SUPERUSER_PASSWORD_FILE="$POSTGRES_STATE/superuser-password"
INIT_STAMP="$POSTGRES_STATE/initialized"
URL_FILE="$POSTGRES_STATE/url"
# The postmaster of this state folder, wherever its binaries run from (see prepare_server_user).
CMD_MARK="postgres -D $DATA_DIR"
START_TIMEOUT="${PG_START_TIMEOUT:-60}"
DB_NAME=motcua
DB_ROLE=motcua
READY_MSG="database system is ready to accept connections"
# The twin runs in Vietnam's time zone, as a server of a Vietnamese province plausibly does, while
# PGlite runs in UTC: the store's timestamps must mean the same instant in both.
SERVER_TIMEZONE="Asia/Ho_Chi_Minh"

# The prefix that runs a command as the server's user: this user, unless it is root. setpriv execs
# the command in place (runuser would stay its parent), so the PID start_detached records is the
# postmaster's.
AS_SERVER=()
if ((EUID == 0)); then AS_SERVER=(setpriv --reuid="$POSTGRES_OS_USER" --regid="$POSTGRES_OS_USER" --init-groups --); fi
as_server() { "${AS_SERVER[@]}" "$@"; }

# Run by root: make sure the system user exists and can reach the binaries and the state folder.
prepare_server_user() {
  ((EUID == 0)) || return 0
  if ! id -u "$POSTGRES_OS_USER" >/dev/null 2>&1; then
    log "creating the system user $POSTGRES_OS_USER (PostgreSQL refuses to run as root)"
    # Two starts at once may both try: the loser finds the user made by the winner.
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$POSTGRES_OS_USER" 2>/dev/null ||
      id -u "$POSTGRES_OS_USER" >/dev/null 2>&1 || die "useradd $POSTGRES_OS_USER failed"
  fi
  if ! as_server test -x "$POSTGRES_BIN/postgres"; then
    # The repository lies under a folder closed to other users (/root, a CI workspace, …): the
    # server runs from a copy of the binaries in a place its user can reach (made once).
    local shared="/var/tmp/motcua-postgres-$POSTGRES_VERSION"
    if [[ ! -f $shared/.motcua-copied ]]; then
      log "user $POSTGRES_OS_USER cannot reach $POSTGRES_BIN: copying the binaries to $shared"
      rm -rf "$shared.tmp.$$"
      cp -a "$POSTGRES_HOME" "$shared.tmp.$$" && chmod -R a+rX "$shared.tmp.$$" && touch "$shared.tmp.$$/.motcua-copied"
      # Two starts at once: the first rename wins, the other copy is dropped.
      mv -T "$shared.tmp.$$" "$shared" 2>/dev/null || rm -rf "$shared.tmp.$$"
    fi
    POSTGRES_BIN="$shared/bin"
    as_server test -x "$POSTGRES_BIN/postgres" || die "user $POSTGRES_OS_USER cannot reach $POSTGRES_BIN/postgres either"
  fi
  # mktemp -d makes 0700 folders: the state folder given to us is ours to open for traversal
  # (search only, o+x: its listing stays private); a closed folder above it is not ours to change.
  local state d="" part
  local -a parts
  state=$(cd "$STATE_DIR" && pwd -P)
  IFS=/ read -r -a parts <<<"${state#/}"
  for part in "${parts[@]}"; do
    d="$d/$part"
    as_server test -x "$d" && continue
    [[ $d == "$state" ]] ||
      die "user $POSTGRES_OS_USER cannot traverse $d, above the state folder $state: choose a MOTCUA_STATE_DIR others may traverse"
    log "allowing $POSTGRES_OS_USER to traverse the state folder $state (o+x, no listing)"
    chmod o+x "$state"
  done
  # Our own folder: traversable, not listable; data/ inside is the server user's.
  chmod 711 "$POSTGRES_STATE"
}

choose_port() { # choose_port VALUE DEFAULT
  if [[ -n $1 ]]; then echo "$1"
  elif [[ ${MOTCUA_FREE_PORTS:-0} == 1 ]]; then free_port 1
  else echo "$2"
  fi
}

new_password() { python3 -c 'import secrets; print(secrets.token_hex(24))'; }

# A new cluster in data/: UTF-8, C collation with Unicode character classes (PGlite's C / C.UTF-8,
# from PostgreSQL's built-in provider, whatever locales the host has), SCRAM passwords over TCP.
# Then, in single-user mode (no client, no socket), the role and database the URL names: the role
# owns its database and may create others (the store suite migrates fresh ones), it is no superuser,
# as an application's role in production would not be.
init_cluster() {
  local t0 pwfile
  t0=$(now_ms)
  rm -rf "$DATA_DIR" "$INIT_STAMP"
  mkdir -p "$DATA_DIR"
  ((EUID == 0)) && chown "$POSTGRES_OS_USER:" "$DATA_DIR"
  chmod 700 "$DATA_DIR"
  (umask 077 && new_password >"$SUPERUSER_PASSWORD_FILE" && new_password >"$PASSWORD_FILE")
  # initdb reads the superuser's password as the server's user, from a file of its own (not in
  # data/: initdb wants it empty).
  pwfile="$POSTGRES_STATE/.pwfile"
  (umask 077 && cp "$SUPERUSER_PASSWORD_FILE" "$pwfile")
  ((EUID == 0)) && chown "$POSTGRES_OS_USER:" "$pwfile"
  log "initdb in $DATA_DIR (PostgreSQL $POSTGRES_VERSION)"
  if ! as_server "$POSTGRES_BIN/initdb" -D "$DATA_DIR" --username=postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=reject --encoding=UTF8 --locale=C \
    --locale-provider=builtin --builtin-locale=C.UTF-8 >>"$POSTGRES_STATE/initdb.log" 2>&1; then
    rm -f "$pwfile"
    tail -n 20 "$POSTGRES_STATE/initdb.log" >&2
    die "initdb failed (log: $POSTGRES_STATE/initdb.log)"
  fi
  rm -f "$pwfile"
  if ! as_server "$POSTGRES_BIN/postgres" --single -D "$DATA_DIR" -c exit_on_error=on postgres \
    >>"$POSTGRES_STATE/initdb.log" 2>&1 <<SQL; then
create role $DB_ROLE login createdb password '$(<"$PASSWORD_FILE")'
create database $DB_NAME owner $DB_ROLE
SQL
    tail -n 20 "$POSTGRES_STATE/initdb.log" >&2
    die "could not create role and database $DB_NAME (log: $POSTGRES_STATE/initdb.log)"
  fi
  touch "$INIT_STAMP"
  log "cluster initialized in $(elapsed_s "$t0")s"
}

url_for() { printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$DB_ROLE" "$(<"$PASSWORD_FILE")" "$1" "$DB_NAME"; }

server_ready() { # the log of this run says ready, and the port accepts connections
  port_listening "$1" && grep -qF -- "$READY_MSG" < <(tail -n +"$LOG_START_LINE" "$LOGFILE")
}

# can_log_in URL: the role logs in with its password and the database answers (node-postgres, the
# client the store uses).
can_log_in() {
  (cd "$MOTCUA_ROOT" && node -e '
    const { Client } = require("pg");
    const c = new Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query("select current_user, current_database()"))
      .then((r) => { const row = r.rows[0]; if (row.current_user !== "motcua" || row.current_database !== "motcua") throw new Error(JSON.stringify(row)); })
      .then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });' "$1")
}

start() {
  ensure_installed postgres
  mkdir -p "$POSTGRES_STATE"
  if pid_alive "$PIDFILE" "$CMD_MARK"; then
    local running; running=$(<"$URL_FILE")
    log "already running (pid $(<"$PIDFILE")) at ${running#*@}"
    echo "DATABASE_URL=$running"
    return 0
  fi
  rm -f "$PIDFILE"
  command -v node >/dev/null || die "node not found"
  prepare_server_user

  local t0 port url major
  t0=$(now_ms)
  # A cluster of another major version does not start on these binaries, and is not ours to wipe.
  if [[ -f $DATA_DIR/PG_VERSION ]] && major=$(<"$DATA_DIR/PG_VERSION") && [[ $major != "${POSTGRES_VERSION%%.*}" ]]; then
    die "$DATA_DIR holds a PostgreSQL $major cluster, these binaries are $POSTGRES_VERSION: remove $POSTGRES_STATE to start afresh"
  fi
  [[ -f $INIT_STAMP && -s $PASSWORD_FILE && -f $DATA_DIR/PG_VERSION ]] || init_cluster
  port=$(choose_port "${PG_PORT:-}" 5432)
  port_free "$port" || die "port 127.0.0.1:$port is in use (set PG_PORT)"
  url=$(url_for "$port")
  (umask 077 && echo "$url" >"$URL_FILE")

  touch "$LOGFILE"
  LOG_START_LINE=$(($(wc -l <"$LOGFILE") + 1))
  printf '\n==== %s start: PostgreSQL %s on 127.0.0.1:%s\n' "$(date -Is)" "$POSTGRES_VERSION" "$port" >>"$LOGFILE"
  log "starting PostgreSQL $POSTGRES_VERSION on 127.0.0.1:$port, state $POSTGRES_STATE"
  # TCP on loopback only, no Unix socket (nothing here uses one, and its path could be too long).
  local cmd=("$POSTGRES_BIN/postgres" -D "$DATA_DIR" -p "$port" -c listen_addresses=127.0.0.1
    -c unix_socket_directories= -c "timezone=$SERVER_TIMEZONE")
  start_detached "$PIDFILE" "$LOGFILE" "${AS_SERVER[@]}" "${cmd[@]}"
  WAIT_PIDFILE="$PIDFILE" wait_for "$START_TIMEOUT" "$LOGFILE" "PostgreSQL at 127.0.0.1:$port" server_ready "$port" || {
    stop; exit 1; }
  if ! can_log_in "$url"; then
    tail -n 20 "$LOGFILE" >&2
    stop
    die "PostgreSQL started but role $DB_ROLE cannot log in to $DB_NAME"
  fi
  log "PostgreSQL ready at 127.0.0.1:$port (pid $(<"$PIDFILE")), started in $(elapsed_s "$t0")s"
  echo "DATABASE_URL=$url"
}

# SIGINT is PostgreSQL's fast shutdown: the postmaster ends the sessions, writes a checkpoint and
# exits after its children (each of which leads a session of its own, so only the postmaster is
# ours to signal). stop_pidfile's TERM would be the smart shutdown, which waits for every client to
# leave: it only finishes what the fast shutdown left, if anything.
stop() {
  if ! pid_alive "$PIDFILE" "$CMD_MARK"; then
    rm -f "$PIDFILE"
    log "not running"
    return 0
  fi
  local pid t0 i
  pid=$(<"$PIDFILE")
  t0=$(now_ms)
  log "stopping PostgreSQL (pid $pid, fast shutdown)"
  kill -INT "$pid" 2>/dev/null || true
  # pid_alive with the mark, not kill -0: an exited postmaster stays a zombie until its new parent
  # reaps it, and a zombie has no command line.
  for ((i = 0; i < 300; i++)); do pid_alive "$PIDFILE" "$CMD_MARK" || break; sleep 0.1; done
  stop_pidfile "$PIDFILE" 10 "$CMD_MARK"
  rm -f "$PIDFILE"
  log "stopped in $(elapsed_s "$t0")s"
}

print_url() {
  pid_alive "$PIDFILE" "$CMD_MARK" && [[ -s $URL_FILE ]] || return 1
  cat "$URL_FILE"
}

status() {
  if pid_alive "$PIDFILE" "$CMD_MARK"; then
    local u; u=$(<"$URL_FILE")
    if can_log_in "$u" 2>/dev/null; then
      echo "postgres: running (pid $(<"$PIDFILE")) at ${u#*@} (role $DB_ROLE logs in), state $POSTGRES_STATE"
      return 0
    fi
    echo "postgres: process $(<"$PIDFILE") runs but ${u#*@} does not accept role $DB_ROLE (log: $LOGFILE)"
    return 1
  fi
  echo "postgres: not running (state $POSTGRES_STATE)"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) print_url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
