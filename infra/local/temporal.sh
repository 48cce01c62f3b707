#!/usr/bin/env bash
# Local Temporal dev server (`temporal server start-dev`, SQLite-persistent) with Motcua's search attributes.
# Usage: temporal.sh start|stop|status|address
#
# Environment:
#   TEMPORAL_ADDRESS   if set, nothing is started: `start` only checks that this server is healthy
#                      (and warns about missing search attributes); stop does nothing.
#   TEMPORAL_PORT      frontend gRPC port (default 7233; a free port when MOTCUA_FREE_PORTS=1)
#   TEMPORAL_UI_PORT   Web UI port (default 8233; a free port when MOTCUA_FREE_PORTS=1)
#   TEMPORAL_HEADLESS  1 = no Web UI
#   TEMPORAL_NAMESPACE namespace (default: default)
#   MOTCUA_STATE_DIR   state dir (default <repo>/.infra); files go to $MOTCUA_STATE_DIR/temporal/
#   MOTCUA_FREE_PORTS  1 = pick free ports for whatever port is not given explicitly
#   TEMPORAL_START_TIMEOUT  seconds to wait for SERVING (default 90)
set -euo pipefail
LOG_TAG=temporal
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
PIDFILE="$TEMPORAL_STATE/temporal.pid"
LOGFILE="$TEMPORAL_STATE/temporal.log"
DBFILE="$TEMPORAL_STATE/temporal.db"
ADDR_FILE="$TEMPORAL_STATE/address"
UI_FILE="$TEMPORAL_STATE/ui"
CMD_MARK="start-dev"
START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-90}"

# name:type (types as the CLI spells them)
SEARCH_ATTRIBUTES=(
  MotcuaStatus:Keyword
  MotcuaProcedure:Keyword
  MotcuaChannel:Keyword
  MotcuaUnit:Keyword
  MotcuaAgencies:KeywordList
  MotcuaRoute:KeywordList
  MotcuaAppointment:Datetime
  MotcuaOverdue:Bool
)

cli() { "$TEMPORAL_CLI" "$@"; }

healthy() { [[ "$(cli operator cluster health --address "$1" 2>/dev/null)" == *SERVING* ]]; }

# Type names in `search-attribute list -o json`, e.g. INDEXED_VALUE_TYPE_KEYWORD_LIST.
indexed_type() {
  case "$1" in
    Keyword) echo INDEXED_VALUE_TYPE_KEYWORD ;; KeywordList) echo INDEXED_VALUE_TYPE_KEYWORD_LIST ;;
    Datetime) echo INDEXED_VALUE_TYPE_DATETIME ;; Bool) echo INDEXED_VALUE_TYPE_BOOL ;;
    Text) echo INDEXED_VALUE_TYPE_TEXT ;; Int) echo INDEXED_VALUE_TYPE_INT ;; Double) echo INDEXED_VALUE_TYPE_DOUBLE ;;
  esac
}

# missing_search_attributes ADDRESS: prints name:type of each attribute not registered with that type.
missing_search_attributes() {
  local addr=$1 json sa
  json=$(cli operator search-attribute list --address "$addr" --namespace "$NAMESPACE" -o json) || return 1
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do
    grep -qF "\"${sa%%:*}\": \"$(indexed_type "${sa#*:}")\"" <<<"$json" || echo "$sa"
  done
}

# Search attributes given on the command line are only written when the DB is created, so make
# sure they exist on every start (create is idempotent for the same name and type).
ensure_search_attributes() {
  local addr=$1 missing type names sa
  missing=$(missing_search_attributes "$addr") || die "cannot list search attributes on $addr"
  [[ -z $missing ]] && return 0
  for type in Keyword KeywordList Datetime Bool Text Int Double; do
    names=()
    for sa in $missing; do [[ ${sa#*:} == "$type" ]] && names+=(--name "${sa%%:*}"); done
    ((${#names[@]})) || continue
    log "registering search attributes (${type}): $(printf '%s ' "${names[@]}" | sed 's/--name //g')"
    cli operator search-attribute create --address "$addr" --namespace "$NAMESPACE" "${names[@]}" --type "$type" >&2 ||
      die "could not register $type search attributes on $addr (an attribute with the same name but another type exists?)"
  done
  missing=$(missing_search_attributes "$addr") || die "cannot list search attributes on $addr"
  [[ -z $missing ]] || die "search attributes still missing on $addr: $missing"
}

choose_port() { # choose_port VALUE DEFAULT
  if [[ -n $1 ]]; then echo "$1"
  elif [[ ${MOTCUA_FREE_PORTS:-0} == 1 ]]; then free_port 1
  else echo "$2"
  fi
}

start() {
  if [[ -n ${TEMPORAL_ADDRESS:-} ]]; then
    ensure_installed temporal
    log "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS is set: not starting a server, checking it"
    WAIT_PIDFILE="" wait_for 30 /dev/null "Temporal at $TEMPORAL_ADDRESS" healthy "$TEMPORAL_ADDRESS" ||
      die "Temporal at $TEMPORAL_ADDRESS is not SERVING"
    local missing
    if missing=$(missing_search_attributes "$TEMPORAL_ADDRESS" 2>/dev/null) && [[ -n $missing ]]; then
      log "WARNING: search attributes missing in namespace $NAMESPACE: ${missing//$'\n'/ }" \
        "(register them: temporal operator search-attribute create --name N --type T)"
    fi
    log "Temporal at $TEMPORAL_ADDRESS: SERVING"
    return 0
  fi

  ensure_installed temporal
  mkdir -p "$TEMPORAL_STATE"
  if pid_alive "$PIDFILE" "$CMD_MARK"; then
    local addr; addr=$(<"$ADDR_FILE")
    if healthy "$addr"; then
      log "already running (pid $(<"$PIDFILE")) at $addr"
      ensure_search_attributes "$addr"
      return 0
    fi
    log "pid $(<"$PIDFILE") runs but $addr is not SERVING: waiting"
    WAIT_PIDFILE="$PIDFILE" wait_for "$START_TIMEOUT" "$LOGFILE" "Temporal at $addr" healthy "$addr" || exit 1
    ensure_search_attributes "$addr"
    return 0
  fi
  rm -f "$PIDFILE"

  local t0 port ui_port="" args sa
  t0=$(now_ms)
  port=$(choose_port "${TEMPORAL_PORT:-}" 7233)
  port_free "$port" || die "port 127.0.0.1:$port is in use (set TEMPORAL_PORT, or TEMPORAL_ADDRESS to use a running server)"
  args=(server start-dev --ip 127.0.0.1 --port "$port"
    --db-filename "$DBFILE" --namespace "$NAMESPACE"
    --dynamic-config-value frontend.enableUpdateWorkflowExecution=true
    --dynamic-config-value frontend.enableUpdateWorkflowExecutionAsyncAccepted=true
    --log-format json --log-level warn)
  if [[ ${TEMPORAL_HEADLESS:-0} == 1 ]]; then
    args+=(--headless)
  else
    ui_port=$(choose_port "${TEMPORAL_UI_PORT:-}" 8233)
    [[ $ui_port != "$port" ]] || ui_port=$(free_port 1)
    port_free "$ui_port" || die "UI port 127.0.0.1:$ui_port is in use (set TEMPORAL_UI_PORT or TEMPORAL_HEADLESS=1)"
    # The dev server's Web UI has no login, and anyone who reaches it can terminate a dossier: it
    # listens on loopback only, said here rather than left to the CLI's default (--ip).
    args+=(--ui-ip 127.0.0.1 --ui-port "$ui_port")
  fi
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "${sa%%:*}=${sa#*:}"); done

  local addr="127.0.0.1:$port"
  echo "$addr" >"$ADDR_FILE"
  if [[ -n $ui_port ]]; then echo "http://127.0.0.1:$ui_port" >"$UI_FILE"; else : >"$UI_FILE"; fi
  log "starting temporal dev server on $addr${ui_port:+ (UI http://127.0.0.1:$ui_port)}, db ${DBFILE}"
  printf '\n==== %s start: %s %s\n' "$(date -Is)" "$TEMPORAL_CLI" "${args[*]}" >>"$LOGFILE"
  start_detached "$PIDFILE" "$LOGFILE" "$TEMPORAL_CLI" "${args[@]}"
  WAIT_PIDFILE="$PIDFILE" wait_for "$START_TIMEOUT" "$LOGFILE" "Temporal at $addr" healthy "$addr" || {
    stop_pidfile "$PIDFILE" 10 "$CMD_MARK"; exit 1; }
  ensure_search_attributes "$addr"
  log "Temporal SERVING at $addr (pid $(<"$PIDFILE")), search attributes ok, started in $(elapsed_s "$t0")s"
}

stop() {
  stop_server temporal "${TEMPORAL_ADDRESS:-}" "$PIDFILE" 20 "$CMD_MARK"
}

# address: prints the address of the running (or external) server; fails if none.
address() {
  if [[ -n ${TEMPORAL_ADDRESS:-} ]]; then echo "$TEMPORAL_ADDRESS"; return 0; fi
  pid_alive "$PIDFILE" "$CMD_MARK" && [[ -s $ADDR_FILE ]] || return 1
  cat "$ADDR_FILE"
}

status() {
  if [[ -n ${TEMPORAL_ADDRESS:-} ]]; then
    if healthy "$TEMPORAL_ADDRESS"; then echo "temporal: external at $TEMPORAL_ADDRESS (SERVING)"; return 0; fi
    echo "temporal: external at $TEMPORAL_ADDRESS (NOT SERVING)"; return 1
  fi
  if pid_alive "$PIDFILE" "$CMD_MARK"; then
    local addr ui; addr=$(<"$ADDR_FILE"); ui=$(cat "$UI_FILE" 2>/dev/null || true)
    if healthy "$addr"; then
      echo "temporal: running (pid $(<"$PIDFILE")) at $addr${ui:+, UI $ui} (SERVING), state $TEMPORAL_STATE"
      return 0
    fi
    echo "temporal: process $(<"$PIDFILE") runs but $addr is NOT SERVING (log: $LOGFILE)"
    return 1
  fi
  echo "temporal: not running (state $TEMPORAL_STATE)"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  address) address ;;
  *) echo "usage: $0 start|stop|status|address" >&2; exit 2 ;;
esac
