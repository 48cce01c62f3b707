#!/usr/bin/env bash
# npm run bench -- --open N [--due K] [--concurrency C] [--lead S] [--spread S] [--settle S]
# The scale of open dossiers (a benchmark, not a test): N dossiers opened and accepted through the
# built production worker, left open with their SLA timers armed, K of them due during the run;
# then the worker's and the Temporal server's RSS, the alerts' lateness on Kafka and the dossier
# list's visibility queries (infra/bench/open-dossiers.ts says what each number is). The worker's
# cache is bounded by TEMPORAL_MAX_CACHED_WORKFLOWS (default 100, the production setting).
# Starts a private Temporal + Kafka on free ports unless TEMPORAL_ADDRESS / KAFKA_BROKERS name
# running ones; stops what it started and removes its temporary state folder. Progress on stderr;
# the last stdout line is one JSON object.
set -euo pipefail
LOG_TAG=bench-open
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$root"
# Bad options fail here, before anything is built or started.
node_modules/.bin/tsx --tsconfig tsconfig.json infra/bench/open-options.ts "$@"

own_state=""
[[ -n ${MOTCUA_STATE_DIR:-} ]] || own_state=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench-open.XXXXXX")
export MOTCUA_STATE_DIR="${MOTCUA_STATE_DIR:-$own_state}"
export MOTCUA_FREE_PORTS=1 TEMPORAL_HEADLESS=1
BENCH_TEMPORAL_EXTERNAL=$([[ -n ${TEMPORAL_ADDRESS:-} ]] && echo 1 || echo 0)
# shellcheck source=../local/lib.sh
. "$root/infra/local/lib.sh"
cd "$MOTCUA_ROOT"

log "building the worker (dist/; unchanged sources come from the Nx cache)"
NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx run worker:build --outputStyle=static >&2 || die "the build failed (above)"

APPS="$STATE_DIR/apps"
mkdir -p "$APPS"
# Whatever happens (an error, Ctrl-C, a kill): the worker, then the stack, then the temporary folder.
stop_all() {
  local rc=$?
  log "stopping the worker and the stack"
  stop_pidfile "$APPS/worker.pid" 15 || true
  "$MOTCUA_LOCAL_DIR/stack.sh" down || true
  if [[ -n $own_state ]]; then rm -rf "$own_state"; fi
  exit "$rc"
}
trap stop_all EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

lines=$("$MOTCUA_LOCAL_DIR/stack.sh" up) || die "the stack did not start"
set -a
eval "$lines"
set +a
# A task queue of the bench's own: on a shared cluster no other worker takes its dossiers.
export TEMPORAL_TASK_QUEUE="${TEMPORAL_TASK_QUEUE:-motcua-bench-open}"
# The production setting (infra/production/README.md, "Workers").
export TEMPORAL_MAX_CACHED_WORKFLOWS="${TEMPORAL_MAX_CACHED_WORKFLOWS:-100}"
# No post and no applicant contacts in this run: nothing is ordered or sent.
POSTAL_API_URL="http://127.0.0.1:$(free_port 1)"
export POSTAL_API_URL KAFKAJS_NO_PARTITIONER_WARNING=1 BENCH_TEMPORAL_EXTERNAL

start_detached "$APPS/worker.pid" "$APPS/worker.log" \
  env MOTCUA_WORKFLOW_BUNDLE=dist/apps/worker/workflow-bundle.js node dist/apps/worker/main.js
WAIT_PIDFILE="$APPS/worker.pid" wait_for 90 "$APPS/worker.log" "the worker" grep -qF '"msg":"worker started"' "$APPS/worker.log"
BENCH_WORKER_PID="$(<"$APPS/worker.pid")"
BENCH_TEMPORAL_PID=""
[[ $BENCH_TEMPORAL_EXTERNAL == 1 || ! -s $TEMPORAL_STATE/temporal.pid ]] || BENCH_TEMPORAL_PID="$(<"$TEMPORAL_STATE/temporal.pid")"
export BENCH_WORKER_PID BENCH_TEMPORAL_PID

log "opening dossiers (Temporal $TEMPORAL_ADDRESS, Kafka $KAFKA_BROKERS, task queue $TEMPORAL_TASK_QUEUE, worker cache $TEMPORAL_MAX_CACHED_WORKFLOWS)"
node_modules/.bin/tsx --tsconfig tsconfig.json infra/bench/open-dossiers.ts "$@"
