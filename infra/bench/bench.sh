#!/usr/bin/env bash
# npm run bench -- [--dossiers N] [--concurrency C] [--batch B] [--mix single:2,inter-agency:1,supplement:1]
#                   (or --open N …: open-dossiers.sh)
# A benchmark, not a test (npm test never runs it): end-to-end load through the HTTP API of the
# built API and worker, beside a bare Temporal workflow of the same shape on the same server, in
# alternating batches. Starts a private stack on free ports (Temporal, Kafka, store server,
# identity provider) unless TEMPORAL_ADDRESS / KAFKA_BROKERS / AUTH_ISSUER name running ones, and
# stops everything it started. Progress on stderr; the last stdout line is one JSON summary
# (infra/bench/load.ts says what each number is).
set -euo pipefail
# --open N: the scale of open dossiers, a run of its own (infra/bench/open-dossiers.sh).
[[ ${1:-} != --open* ]] || exec bash "$(dirname "${BASH_SOURCE[0]}")/open-dossiers.sh" "$@"
LOG_TAG=bench
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# A private state folder (removed at the end unless given): nothing of `npm start`'s .infra/ is touched.
own_state=""
own_postgres=""
[[ -n ${MOTCUA_STATE_DIR:-} ]] || own_state=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
export MOTCUA_STATE_DIR="${MOTCUA_STATE_DIR:-$own_state}"
export MOTCUA_FREE_PORTS=1 TEMPORAL_HEADLESS=1
# shellcheck source=../local/lib.sh
. "$root/infra/local/lib.sh"
cd "$MOTCUA_ROOT"

log "building the API, the worker, the projector, the identity provider and the store server (dist/; unchanged sources come from the Nx cache)"
NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx run-many -t build -p api worker projector identity store-server --outputStyle=static >&2 ||
  die "the build failed (above)"

APPS="$STATE_DIR/apps"
mkdir -p "$APPS"
idp_external=${AUTH_ISSUER:-}
cleanup() {
  local rc=$?
  log "stopping what the benchmark started"
  stop_pidfile "$APPS/api.pid" 15 || true
  stop_pidfile "$APPS/worker.pid" 15 || true
  stop_pidfile "$APPS/projector.pid" 15 || true
  "$MOTCUA_LOCAL_DIR/store.sh" stop || true
  [[ -z $own_postgres ]] || "$MOTCUA_LOCAL_DIR/postgres.sh" stop || true
  [[ -n $idp_external ]] || "$MOTCUA_LOCAL_DIR/identity.sh" stop || true
  "$MOTCUA_LOCAL_DIR/stack.sh" down || true
  [[ -z $own_state ]] || rm -rf "$own_state"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# export_lines CMD…: exports the VAR=value lines CMD prints (stack.sh up, identity.sh env).
export_lines() {
  local lines
  lines=$("$@") || die "$* failed"
  set -a
  eval "$lines"
  set +a
}
export_lines "$MOTCUA_LOCAL_DIR/stack.sh" up
"$MOTCUA_LOCAL_DIR/identity.sh" start
export_lines "$MOTCUA_LOCAL_DIR/identity.sh" env
# The store: production's engine, a private PostgreSQL (infra/local/postgres.sh), unless
# BENCH_STORE=embedded asks for npm start's embedded store server (PGlite) or DATABASE_URL names one.
store_pidfile="$STATE_DIR/store-server/store-server.pid"
if [[ -z ${DATABASE_URL:-} && ${BENCH_STORE:-postgres} == postgres ]]; then
  own_postgres=1 store_pidfile="$STATE_DIR/postgres/postgres.pid"
  export_lines "$MOTCUA_LOCAL_DIR/postgres.sh" start
fi
"$MOTCUA_LOCAL_DIR/store.sh" start
DATABASE_URL=$("$MOTCUA_LOCAL_DIR/store.sh" url)
# No post in this run's shapes.
export_private_app_env
export DATABASE_URL

# BENCH_CPU_PROFILE_DIR: the worker and the API write V8 CPU profiles there when they stop (every
# thread: the worker's workflows run in a thread of their own), for Chrome DevTools or speedscope.
profile=()
[[ -z ${BENCH_CPU_PROFILE_DIR:-} ]] || profile=(--cpu-prof --cpu-prof-dir "$BENCH_CPU_PROFILE_DIR")
start_detached "$APPS/worker.pid" "$APPS/worker.log" \
  env MOTCUA_WORKFLOW_BUNDLE=dist/apps/worker/workflow-bundle.js node "${profile[@]}" dist/apps/worker/main.js
start_detached "$APPS/api.pid" "$APPS/api.log" node "${profile[@]}" dist/apps/api/main.js
WAIT_PIDFILE="$APPS/api.pid" wait_for 90 "$APPS/api.log" "API on port $API_PORT" \
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "http://$API_HOST:$API_PORT/health"
WAIT_PIDFILE="$APPS/worker.pid" wait_for 90 "$APPS/worker.log" "the worker" grep -qF '"msg":"worker started"' "$APPS/worker.log"
# The projector folds dossier.events into the read model, whose lag the load measures.
start_detached "$APPS/projector.pid" "$APPS/projector.log" node dist/apps/projector/main.js
WAIT_PIDFILE="$APPS/projector.pid" wait_for 90 "$APPS/projector.log" "the projector on port $PROJECTOR_PORT" \
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "http://127.0.0.1:$PROJECTOR_PORT/metrics"

# Tokens of seeded accounts, got as a person logs in (apps/identity's token command).
token() { node_modules/.bin/tsx --tsconfig tsconfig.json apps/identity/src/token-cli.ts "$@"; }
BENCH_ONE_STOP_TOKEN=$(token --role ONE_STOP_OFFICER --agency 000.31.25.H26)
BENCH_AGENCY_TOKEN=$(token --role AGENCY_OFFICER --agency UBND_XA)
BENCH_CONG_AN_XA_TOKEN=$(token --role AGENCY_OFFICER --agency CONG_AN_XA)
BENCH_BHXH_TOKEN=$(token --role AGENCY_OFFICER --agency BHXH)
export BENCH_ONE_STOP_TOKEN BENCH_AGENCY_TOKEN BENCH_CONG_AN_XA_TOKEN BENCH_BHXH_TOKEN
export BENCH_API_URL="http://$API_HOST:$API_PORT" BENCH_DATABASE_URL="$DATABASE_URL"
# Whose CPU time the load counts (a pid file that is not there: a server run elsewhere, not counted).
export BENCH_API_PIDFILE="$APPS/api.pid" BENCH_WORKER_PIDFILE="$APPS/worker.pid" BENCH_PROJECTOR_PIDFILE="$APPS/projector.pid" \
  BENCH_STORE_PIDFILE="$store_pidfile" BENCH_TEMPORAL_PIDFILE="$STATE_DIR/temporal/temporal.pid" BENCH_KAFKA_PIDFILE="$STATE_DIR/kafka/kafka.pid"

log "driving the load (API $BENCH_API_URL, Temporal $TEMPORAL_ADDRESS, Kafka $KAFKA_BROKERS)"
node_modules/.bin/tsx --tsconfig tsconfig.json infra/bench/load.ts "$@"
