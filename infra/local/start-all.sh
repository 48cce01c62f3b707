#!/usr/bin/env bash
# npm start: installs what is missing, builds the API, the worker and the identity provider as
# production deploys them (esbuild bundles and the prebuilt workflow bundle, from the Nx cache when
# nothing changed), starts the Temporal dev server (with its Web UI) and the Kafka broker (or uses
# TEMPORAL_ADDRESS / KAFKA_BROKERS), the local identity provider (or uses AUTH_ISSUER), the store
# server (or uses DATABASE_URL), then the built worker, API and projector; prints the URLs; Ctrl-C
# (or TERM) stops everything this run started, and only that. The postal simulator
# (apps/postal-simulator) plays the post unless POSTAL_SIMULATOR=off.
set -euo pipefail
LOG_TAG=start
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOTCUA_ROOT"
t0=$(now_ms)

"$MOTCUA_LOCAL_DIR/node-deps.sh"

API_PORT="${API_PORT:-3000}"
API_HOST="${API_HOST:-127.0.0.1}"
export API_PORT API_HOST
port_free "$API_PORT" || die "port $API_PORT is taken: set API_PORT to another one"
# The postal simulator's port, checked before the build like the API's.
postal_sim=1
[[ ${POSTAL_SIMULATOR:-on} == off ]] && postal_sim=0
POSTAL_SIM_PORT="${POSTAL_SIM_PORT:-3100}"
export POSTAL_SIM_PORT
if ((postal_sim)); then port_free "$POSTAL_SIM_PORT" || die "port $POSTAL_SIM_PORT is taken: set POSTAL_SIM_PORT to another one (or POSTAL_SIMULATOR=off)"; fi

# The alerts' webhook (README "Alerts out of the page") goes to the projector, inherited like the
# rest of this environment; a URL without its secret would stop the projector after the build.
if [[ -n ${ALERT_WEBHOOK_URL:-} && -z ${ALERT_WEBHOOK_SECRET:-} ]]; then
  die "ALERT_WEBHOOK_URL is set without ALERT_WEBHOOK_SECRET: alerts are sent signed only (npm run alerts:listen prints a pair to use)"
fi

# The processes users deploy, not tsx: under tsx the API had two copies of @nestjs/common and
# answered 500 where the bundle answers 400 (PITFALLS.md 15).
log "building the API, the worker, the identity provider, the projector, the store server, the postal simulator and the web pages (dist/; unchanged sources come from the Nx cache)"
NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx run-many -t build -p api worker identity projector store-server postal-simulator dashboard --outputStyle=static >&2 ||
  die "the build failed (above)"

APPS_STATE="$STATE_DIR/apps"
mkdir -p "$APPS_STATE"
# Servers that were already running before this run are left running at the end.
stack_was_up=0
"$MOTCUA_LOCAL_DIR/stack.sh" env >/dev/null 2>&1 && stack_was_up=1
# The identity provider likewise; none of ours when AUTH_ISSUER names one run elsewhere.
idp_external=${AUTH_ISSUER:-}
idp_was_up=0
[[ -n $idp_external ]] || { "$MOTCUA_LOCAL_DIR/identity.sh" issuer >/dev/null 2>&1 && idp_was_up=1; }
# ---- store (1/3): one store for all apps; none of ours when DATABASE_URL names a PostgreSQL ----
store_external=${DATABASE_URL:-}
store_was_up=0
[[ -n $store_external ]] || { "$MOTCUA_LOCAL_DIR/store.sh" url >/dev/null 2>&1 && store_was_up=1; }
PROJECTOR_PORT="${PROJECTOR_PORT:-3110}"
export PROJECTOR_PORT
port_free "$PROJECTOR_PORT" || die "port $PROJECTOR_PORT is taken: set PROJECTOR_PORT to another one"
# ---- end of store (1/3) ----

stopping=0
cleanup() {
  local rc=$?
  ((stopping)) && return
  stopping=1
  log "stopping"
  stop_pidfile "$APPS_STATE/api.pid" 15 || true
  stop_pidfile "$APPS_STATE/worker.pid" 15 || true
  stop_pidfile "$APPS_STATE/postal-simulator.pid" 15 || true
  stop_pidfile "$APPS_STATE/projector.pid" 15 || true
  # The store last: the apps close their sessions first.
  if [[ -z $store_external ]] && ((store_was_up == 0)); then "$MOTCUA_LOCAL_DIR/store.sh" stop || true; fi
  if [[ -z $idp_external ]] && ((idp_was_up == 0)); then "$MOTCUA_LOCAL_DIR/identity.sh" stop || true; fi
  if ((stack_was_up == 0)); then "$MOTCUA_LOCAL_DIR/stack.sh" down || true; fi
  log "stopped"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stack_env=$("$MOTCUA_LOCAL_DIR/stack.sh" up)
set -a
eval "$stack_env"
set +a
# The apps verify bearer tokens against AUTH_ISSUER (audience AUTH_AUDIENCE, motcua-api).
"$MOTCUA_LOCAL_DIR/identity.sh" start
idp_env=$("$MOTCUA_LOCAL_DIR/identity.sh" env)
set -a
eval "$idp_env"
set +a
export KAFKAJS_NO_PARTITIONER_WARNING=1
# ---- store (2/3): the store server (embedded PGlite in .infra/store, as earlier installs kept it),
# or DATABASE_URL's PostgreSQL; every app gets DATABASE_URL, the same path as production ----
store_data="${STORE_DIR:-$STATE_DIR/store}"
"$MOTCUA_LOCAL_DIR/store.sh" start
# A user's DATABASE_URL is kept as given (never through eval: a URL may hold '&').
if [[ -z $store_external ]]; then
  DATABASE_URL=$("$MOTCUA_LOCAL_DIR/store.sh" url)
  export DATABASE_URL
fi
unset STORE_DIR
# ---- end of store (2/3) ----

# secret_of_install VAR FILE JS: unless VAR is set, export the secret kept in FILE (state folder,
# git-ignored, mode 600), made once by the node expression JS.
secret_of_install() {
  local var=$1 file=$2 make=$3
  [[ -z ${!var:-} ]] || return 0
  if [[ ! -s $file ]]; then
    mkdir -p "$(dirname "$file")"
    chmod 700 "$(dirname "$file")"
    (umask 077 && node -e "process.stdout.write($make)" >"$file.tmp")
    mv "$file.tmp" "$file"
    log "generated this install's $var in ${file#"$MOTCUA_ROOT"/}"
  fi
  chmod 600 "$file"
  printf -v "$var" '%s' "$(<"$file")"
  export "${var?}"
}
# The API refuses a missing or public pseudonym key, and the postal webhook accepts only events
# signed with a Standard Webhooks secret (whsec_<base64>): this install gets its own of each.
secret_of_install APPLICANT_REF_SECRET "$STATE_DIR/secrets/applicant-ref.key" 'require("node:crypto").randomBytes(32).toString("base64url")'
secret_of_install POSTAL_WEBHOOK_SECRETS "$STATE_DIR/secrets/postal-webhook.secret" '"whsec_" + require("node:crypto").randomBytes(32).toString("base64")'

# logged_since OFFSET FILE TEXT: TEXT is in FILE after its first OFFSET bytes (the logs are
# appended to across runs: only this run's lines count).
logged_since() { tail -c "+$(($1 + 1))" "$2" 2>/dev/null | grep -qF "$3"; }
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }

# Before the worker: its postal orders go to POSTAL_API_URL, the simulator's unless set. The
# simulator keeps its orders in the state folder (a restart goes on with them).
if ((postal_sim)); then
  export POSTAL_API_URL="${POSTAL_API_URL:-http://127.0.0.1:$POSTAL_SIM_PORT}"
  start_detached "$APPS_STATE/postal-simulator.pid" "$APPS_STATE/postal-simulator.log" \
    env POSTAL_SIM_STATE_DIR="${POSTAL_SIM_STATE_DIR:-$APPS_STATE/postal-simulator}" node --enable-source-maps dist/apps/postal-simulator/main.js
  WAIT_PIDFILE="$APPS_STATE/postal-simulator.pid" wait_for 30 "$APPS_STATE/postal-simulator.log" "the postal simulator on port $POSTAL_SIM_PORT" \
    node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "http://127.0.0.1:$POSTAL_SIM_PORT/health"
fi

log "starting the worker and the API (logs in ${APPS_STATE#"$MOTCUA_ROOT"/})"
worker_from=$(size_of "$APPS_STATE/worker.log")
start_detached "$APPS_STATE/worker.pid" "$APPS_STATE/worker.log" \
  env MOTCUA_WORKFLOW_BUNDLE=dist/apps/worker/workflow-bundle.js node --enable-source-maps dist/apps/worker/main.js
start_detached "$APPS_STATE/api.pid" "$APPS_STATE/api.log" node --enable-source-maps dist/apps/api/main.js
WAIT_PIDFILE="$APPS_STATE/api.pid" wait_for 90 "$APPS_STATE/api.log" "API on port $API_PORT" \
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "http://$API_HOST:$API_PORT/health"
WAIT_PIDFILE="$APPS_STATE/worker.pid" wait_for 90 "$APPS_STATE/worker.log" "the worker" \
  logged_since "$worker_from" "$APPS_STATE/worker.log" '"msg":"worker started"'
# ---- store (3/3): the projector folds dossier.events into the read model (rm_* tables) ----
start_detached "$APPS_STATE/projector.pid" "$APPS_STATE/projector.log" node --enable-source-maps dist/apps/projector/main.js
WAIT_PIDFILE="$APPS_STATE/projector.pid" wait_for 90 "$APPS_STATE/projector.log" "the projector on port $PROJECTOR_PORT" \
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "http://127.0.0.1:$PROJECTOR_PORT/metrics"
# ---- end of store (3/3) ----

cat >&2 <<INFO

  Motcua is up ($(elapsed_s "$t0")s)
    API          http://$API_HOST:$API_PORT/api/v1/procedures
    Dashboard    http://$API_HOST:$API_PORT/dashboard  (log in as ops / ops)
    Workbench    http://$API_HOST:$API_PORT/workbench  (officers: e.g. mc.000.00.00.h26 / mc.000.00.00.h26, cb.so_tu_phap / cb.so_tu_phap)
    Swagger UI   http://$API_HOST:$API_PORT/docs      (OpenAPI: /openapi.json, AsyncAPI: /asyncapi.json)
    Identity     $AUTH_ISSUER  $([[ -n $idp_external ]] && echo "(external)" || echo "(seeded accounts: README \"Log in and call the API\")")
                 TOKEN=\$(npm run --silent token -- --role ONE_STOP_OFFICER --agency 000.00.00.H26)
    Temporal UI  ${TEMPORAL_UI:-(external Temporal at $TEMPORAL_ADDRESS)}
    Temporal     $TEMPORAL_ADDRESS      Kafka  $KAFKA_BROKERS  (topic dossier.events)
    Postal       $( ((postal_sim)) && echo "simulator http://127.0.0.1:$POSTAL_SIM_PORT/orders, /log  (knobs: README \"Postal partner\")" || echo "POSTAL_API_URL=${POSTAL_API_URL:-(not set)}  (simulator off)")
    Store        $([[ -n $store_external ]] && echo "PostgreSQL at DATABASE_URL" || echo "$DATABASE_URL  (embedded, data in ${store_data#"$MOTCUA_ROOT"/}; log ${STATE_DIR#"$MOTCUA_ROOT"/}/store-server/store-server.log)")
    Projector    http://127.0.0.1:$PROJECTOR_PORT/metrics  (read model: rm_* tables of the store)
    Alerts       $([[ -n ${ALERT_WEBHOOK_URL:-} ]] && echo "near-due and overdue alerts to $ALERT_WEBHOOK_URL, signed (ALERT_WEBHOOK_SECRET)" || echo "no webhook (set ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET; npm run alerts:listen)")
    Logs         ${APPS_STATE#"$MOTCUA_ROOT"/}/api.log, worker.log, projector.log$( ((postal_sim == 0)) || echo ", postal-simulator.log")  (JSON lines)$([[ -n $idp_external ]] || echo ", ${STATE_DIR#"$MOTCUA_ROOT"/}/identity/identity.log")
  Ctrl-C stops everything this run started.

INFO

# Stay in the foreground while both apps (and the identity provider this run started) live; if
# one dies, say so and stop the rest.
idp_alive() { [[ -n $idp_external ]] || ((idp_was_up)) || pid_alive "$STATE_DIR/identity/identity.pid"; }
postal_sim_alive() { ((postal_sim == 0)) || pid_alive "$APPS_STATE/postal-simulator.pid"; }
store_alive() { [[ -n $store_external ]] || ((store_was_up)) || pid_alive "$STATE_DIR/store-server/store-server.pid"; }
while pid_alive "$APPS_STATE/api.pid" && pid_alive "$APPS_STATE/worker.pid" && pid_alive "$APPS_STATE/projector.pid" && idp_alive && store_alive && postal_sim_alive; do sleep 1; done
log "ERROR: an app exited; last lines of its log:"
tail -n 20 "$APPS_STATE/api.log" "$APPS_STATE/worker.log" "$APPS_STATE/projector.log" >&2 || true
((postal_sim == 0)) || tail -n 20 "$APPS_STATE/postal-simulator.log" >&2 || true
[[ -n $store_external ]] || tail -n 20 "$STATE_DIR/store-server/store-server.log" >&2 || true
[[ -n $idp_external ]] || tail -n 20 "$STATE_DIR/identity/identity.log" >&2 || true
exit 1
