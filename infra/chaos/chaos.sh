#!/usr/bin/env bash
# npm run chaos -- [--quick] [--no-build] [--concurrency C] [--phase-seconds S] [--keep-state]
# The fault suite (infra/chaos/run.ts says what it does and checks). This script builds the apps as
# `npm start` does, starts a private state folder's servers on free ports (Temporal dev server with
# its SQLite file, a three-node Kafka cluster, the identity provider, the store server), hands their
# addresses and tokens to run.ts, which starts the API, two workers and the projector as separate
# processes (proc.sh) and kills them. Everything it started is stopped at the end, on failure and
# on Ctrl-C too; the state folder (logs) is removed unless the run failed or --keep-state is given.
# Progress on stderr; the last stdout line is one JSON object. Exit 0 only when every counter is 0.
set -euo pipefail
LOG_TAG=chaos
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
build=1 keep=0 args=()
for a in "$@"; do
  case "$a" in --no-build) build=0 ;; --keep-state) keep=1 ;; *) args+=("$a") ;; esac
done
own_state=""
[[ -n ${MOTCUA_STATE_DIR:-} ]] || own_state=$(mktemp -d "${TMPDIR:-/tmp}/motcua-chaos.XXXXXX")
export MOTCUA_STATE_DIR="${MOTCUA_STATE_DIR:-$own_state}"
export MOTCUA_FREE_PORTS=1 TEMPORAL_HEADLESS=1
# Servers of this run only: never an external cluster (it would be killed).
unset TEMPORAL_ADDRESS KAFKA_BROKERS AUTH_ISSUER DATABASE_URL
# shellcheck source=../local/lib.sh
. "$root/infra/local/lib.sh"
cd "$MOTCUA_ROOT"
PROC="$root/infra/chaos/proc.sh"

if ((build)); then
  log "building the API, the worker, the projector, the identity provider and the store server (dist/; unchanged sources come from the Nx cache)"
  NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx run-many -t build -p api worker projector identity store-server --outputStyle=static >&2 ||
    die "the build failed (above)"
fi

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  log "stopping everything the fault suite started"
  "$PROC" stop-apps || true
  "$MOTCUA_LOCAL_DIR/store.sh" stop || true
  "$MOTCUA_LOCAL_DIR/identity.sh" stop || true
  "$MOTCUA_LOCAL_DIR/temporal.sh" stop || true
  "$MOTCUA_LOCAL_DIR/kafka-cluster.sh" stop || true
  if [[ -n $own_state ]]; then
    if ((rc == 0 && keep == 0)); then rm -rf "$own_state"
    else log "logs and state kept in $own_state (apps/*.log, temporal/, kafka-cluster/node-*/)"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting Temporal (db file), a three-node Kafka cluster, the identity provider and the store server in parallel (state $STATE_DIR)"
"$MOTCUA_LOCAL_DIR/temporal.sh" start & tp=$!
"$MOTCUA_LOCAL_DIR/kafka-cluster.sh" start & kp=$!
"$MOTCUA_LOCAL_DIR/identity.sh" start & ip=$!
"$MOTCUA_LOCAL_DIR/store.sh" start & sp=$!
wait "$tp" || die "Temporal did not start"
wait "$kp" || die "the Kafka cluster did not start"
wait "$ip" || die "the identity provider did not start"
wait "$sp" || die "the store server did not start"
TEMPORAL_ADDRESS=$("$MOTCUA_LOCAL_DIR/temporal.sh" address)
KAFKA_BROKERS=$("$MOTCUA_LOCAL_DIR/kafka-cluster.sh" brokers)
idp_env=$("$MOTCUA_LOCAL_DIR/identity.sh" env) || die "identity.sh env failed"
set -a
eval "$idp_env"
set +a
DATABASE_URL=$("$MOTCUA_LOCAL_DIR/store.sh" url)
# No post in this run's dossiers (counter channel).
export_private_app_env
export TEMPORAL_ADDRESS KAFKA_BROKERS DATABASE_URL
export KAFKA_REPLICATION_FACTOR=3

# Tokens of seeded accounts, got as a person logs in (apps/identity's token command), the three at once.
token() { node_modules/.bin/tsx --tsconfig tsconfig.json apps/identity/src/token-cli.ts "$@"; }
tokens="$STATE_DIR/tokens"
mkdir -p "$tokens" && chmod 700 "$tokens"
token --role ONE_STOP_OFFICER --agency 000.31.25.H26 >"$tokens/one-stop" & t1=$!
token --role AGENCY_OFFICER --agency UBND_XA >"$tokens/agency" & t2=$!
token --role OPERATIONS >"$tokens/reports" & t3=$!
wait "$t1" && wait "$t2" && wait "$t3" || die "could not get the tokens"
CHAOS_ONE_STOP_TOKEN=$(<"$tokens/one-stop")
CHAOS_AGENCY_TOKEN=$(<"$tokens/agency")
CHAOS_REPORTS_TOKEN=$(<"$tokens/reports")
export CHAOS_ONE_STOP_TOKEN CHAOS_AGENCY_TOKEN CHAOS_REPORTS_TOKEN CHAOS_PROC="$PROC"
export CHAOS_API_URL="http://$API_HOST:$API_PORT"

# kafkajs on Node 24 warns of a negative timer it means as "at once" (kafkajs#1751): noise here.
node --import tsx --disable-warning=ExperimentalWarning --disable-warning=TimeoutNegativeWarning infra/chaos/run.ts "${args[@]}"
