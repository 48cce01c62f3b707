#!/usr/bin/env bash
# The local identity provider (apps/identity: oidc-provider with the seeded demo accounts), run from
# its production build (dist/apps/identity/main.js; `npx nx run identity:build`), as npm start runs
# the API. Listens on 127.0.0.1 only.
# Usage: identity.sh start|stop|status|issuer|env
#   env     the lines the apps read, e.g.  set -a; eval "$(infra/local/identity.sh env)"; set +a
#             AUTH_ISSUER=http://127.0.0.1:3200
#             AUTH_AUDIENCE=motcua-api
#
# Environment:
#   AUTH_ISSUER        an identity provider run elsewhere (the province's IdP): nothing is started;
#                      `start` checks that its discovery document answers; stop does nothing.
#   IDP_PORT           port (default 3200; a free port when MOTCUA_FREE_PORTS=1)
#   IDP_WEB_REDIRECT_URIS  redirect URIs of the web client (default http://127.0.0.1:$API_PORT/auth/callback)
#   MOTCUA_STATE_DIR   state dir (default <repo>/.infra); files go to $MOTCUA_STATE_DIR/identity/:
#                      jwks.json (the signing key, made once, mode 600), identity.pid, identity.log, issuer
#   MOTCUA_FREE_PORTS  1 = a free port unless IDP_PORT is given
set -euo pipefail
LOG_TAG=identity
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOTCUA_ROOT"

IDP_STATE="$STATE_DIR/identity"
PIDFILE="$IDP_STATE/identity.pid"
LOGFILE="$IDP_STATE/identity.log"
ISSUER_FILE="$IDP_STATE/issuer"
MAIN="dist/apps/identity/main.js"
CMD_MARK="$MAIN"
AUDIENCE="motcua-api"

# discovery_answers ISSUER: its discovery document answers 200 and names that issuer.
discovery_answers() {
  node -e '
    const issuer = process.argv[1];
    fetch(issuer.replace(/\/$/, "") + "/.well-known/openid-configuration", { signal: AbortSignal.timeout(2000) })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((d) => process.exit(d.issuer === issuer ? 0 : 1), () => process.exit(1));' "$1"
}

start() {
  if [[ -n ${AUTH_ISSUER:-} ]]; then
    log "AUTH_ISSUER=$AUTH_ISSUER is set: not starting the local identity provider, checking it"
    WAIT_PIDFILE="" wait_for 30 /dev/null "the identity provider at $AUTH_ISSUER" discovery_answers "$AUTH_ISSUER" ||
      die "no OpenID discovery document naming $AUTH_ISSUER at $AUTH_ISSUER/.well-known/openid-configuration"
    return 0
  fi
  mkdir -p "$IDP_STATE"
  chmod 700 "$IDP_STATE"
  if pid_alive "$PIDFILE" "$CMD_MARK"; then
    local running; running=$(<"$ISSUER_FILE")
    WAIT_PIDFILE="$PIDFILE" wait_for 30 "$LOGFILE" "the identity provider at $running" discovery_answers "$running" || exit 1
    log "already running (pid $(<"$PIDFILE")) at $running"
    return 0
  fi
  rm -f "$PIDFILE"
  [[ -s $MAIN ]] || die "$MAIN is missing: build it first (npx nx run identity:build)"

  local t0 port issuer
  t0=$(now_ms)
  if [[ -n ${IDP_PORT:-} ]]; then port=$IDP_PORT
  elif [[ ${MOTCUA_FREE_PORTS:-0} == 1 ]]; then port=$(free_port 1)
  else port=3200
  fi
  port_free "$port" || die "port 127.0.0.1:$port is in use (set IDP_PORT, or AUTH_ISSUER to use a running identity provider)"
  issuer="http://127.0.0.1:$port"
  echo "$issuer" >"$ISSUER_FILE"
  log "starting the identity provider at $issuer (log ${LOGFILE#"$MOTCUA_ROOT"/})"
  start_detached "$PIDFILE" "$LOGFILE" env IDP_PORT="$port" IDP_STATE_DIR="$IDP_STATE" node --enable-source-maps "$MAIN"
  WAIT_PIDFILE="$PIDFILE" wait_for 30 "$LOGFILE" "the identity provider at $issuer" discovery_answers "$issuer" || {
    stop_pidfile "$PIDFILE" 10 "$CMD_MARK"; exit 1; }
  log "identity provider up at $issuer (pid $(<"$PIDFILE")) in $(elapsed_s "$t0")s"
}

stop() {
  stop_server identity "${AUTH_ISSUER:-}" "$PIDFILE" 10 "$CMD_MARK"
}

# issuer: the issuer of the running (or external) provider; fails if none.
issuer() {
  if [[ -n ${AUTH_ISSUER:-} ]]; then echo "$AUTH_ISSUER"; return 0; fi
  pid_alive "$PIDFILE" "$CMD_MARK" && [[ -s $ISSUER_FILE ]] || return 1
  cat "$ISSUER_FILE"
}

print_env() {
  local i
  i=$(issuer) || { log "the identity provider is not running (state $STATE_DIR)"; return 1; }
  echo "AUTH_ISSUER=$i"
  echo "AUTH_AUDIENCE=${AUTH_AUDIENCE:-$AUDIENCE}"
}

status() {
  local i
  if ! i=$(issuer); then echo "identity: not running (state $IDP_STATE)"; return 3; fi
  local where="running (pid $(cat "$PIDFILE" 2>/dev/null))"
  [[ -n ${AUTH_ISSUER:-} ]] && where="external"
  if discovery_answers "$i"; then echo "identity: $where at $i"; return 0; fi
  echo "identity: $where at $i, but its discovery document does not answer (log: $LOGFILE)"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  issuer) issuer ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|issuer|env" >&2; exit 2 ;;
esac
