#!/usr/bin/env bash
# npm test: installs what is missing, type-checks and lints, starts a private Temporal dev server,
# Kafka broker, PostgreSQL server and identity provider on free ports (so it runs beside
# `npm start`), runs every test, and stops everything it started, whatever happens.
set -euo pipefail
LOG_TAG=test
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOTCUA_ROOT"
t0=$(now_ms)

"$MOTCUA_LOCAL_DIR/node-deps.sh"
"$MOTCUA_LOCAL_DIR/install.sh" all

log "type-checking"
node_modules/.bin/tsc -p tsconfig.json
node_modules/.bin/tsc -p apps/dashboard/tsconfig.json
log "linting (module boundaries included)"
# The boundaries rule reads Nx's project graph, and skips itself (a mere warning) when none is
# cached: compute it first, as a fresh clone has none.
NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx show projects >/dev/null
node_modules/.bin/eslint --max-warnings 0 .
log "building the apps for production (API bundle, worker bundle and its workflow bundle, identity provider, projector, store server, postal simulator, web pages)"
NX_DAEMON=false NX_NO_CLOUD=true node_modules/.bin/nx run-many -t build -p api worker identity projector store-server postal-simulator dashboard --outputStyle=static --skip-nx-cache >&2

state=$(mktemp -d "${TMPDIR:-/tmp}/motcua-test.XXXXXX")
cleanup() {
  local rc=$?
  MOTCUA_STATE_DIR="$state" "$MOTCUA_LOCAL_DIR/identity.sh" stop || true
  MOTCUA_STATE_DIR="$state" "$MOTCUA_LOCAL_DIR/postgres.sh" stop || true
  MOTCUA_STATE_DIR="$state" "$MOTCUA_LOCAL_DIR/stack.sh" down || true
  rm -rf "$state"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting a private stack for the integration tests"
stack_env=$(MOTCUA_STATE_DIR="$state" MOTCUA_FREE_PORTS=1 TEMPORAL_HEADLESS=1 "$MOTCUA_LOCAL_DIR/stack.sh" up)
set -a
eval "$stack_env"
set +a
# The store suite runs on PGlite and on a real PostgreSQL (store.spec.ts): a private server, unless
# STORE_TEST_DATABASE_URL names one. Only the suite's variable is exported: DATABASE_URL would
# move `npm start`'s own test off its embedded store.
if [[ -z ${STORE_TEST_DATABASE_URL:-} ]]; then
  pg_env=$(MOTCUA_STATE_DIR="$state" MOTCUA_FREE_PORTS=1 "$MOTCUA_LOCAL_DIR/postgres.sh" start)
  export STORE_TEST_DATABASE_URL="${pg_env#DATABASE_URL=}"
fi
# A private identity provider, unless AUTH_ISSUER names one (then identity.sh only checks it).
MOTCUA_STATE_DIR="$state" MOTCUA_FREE_PORTS=1 "$MOTCUA_LOCAL_DIR/identity.sh" start
idp_env=$(MOTCUA_STATE_DIR="$state" "$MOTCUA_LOCAL_DIR/identity.sh" env)
set -a
eval "$idp_env"
set +a
TEMPORAL_TEST_SERVER="$("$MOTCUA_LOCAL_DIR/test-server.sh" path)"
# The browser tests drive Debian's Chromium (installed here when missing; never a downloaded one).
CHROMIUM_PATH="$("$MOTCUA_LOCAL_DIR/chromium.sh" path)"
export TEMPORAL_TEST_SERVER CHROMIUM_PATH KAFKAJS_NO_PARTITIONER_WARNING=1
# Integration specs skip themselves without servers when run alone; here they must run.
export MOTCUA_REQUIRE_INTEGRATION=1
# The broker's process, for the test that pauses it (SIGSTOP/SIGCONT): only ours, never an external one.
if [[ -s $state/kafka/kafka.pid ]]; then export MOTCUA_KAFKA_PIDFILE="$state/kafka/kafka.pid"; fi

log "running the tests (Temporal $TEMPORAL_ADDRESS, Kafka $KAFKA_BROKERS, PostgreSQL ${STORE_TEST_DATABASE_URL#*@}, identity $AUTH_ISSUER)"
# Unit and conformance suites in one Jest run; then each integration suite (*.int.spec.ts) in a
# Jest process of its own. The Temporal client's retry timers outlive a closed connection (a known
# SDK issue: they throw "Channel has been shut down" from a timer), so no integration file's
# teardown may share a process with another suite.
set +e
node_modules/.bin/jest -c jest.config.js --maxWorkers=2 --testPathIgnorePatterns '\.int\.spec\.ts$' --json --outputFile="$state/unit.json"
rc=$?
# npm start's suite first: its projector folds the whole shared topic and its API serves what it
# folded, and the dossiers the other suites leave behind have no worker any more (each suite polled a
# task queue of its own), so reading one of them waits for the API's Temporal deadline (a 503), as a
# user's npm start never meets.
mapfile -t integration < <(node_modules/.bin/jest -c jest.config.js --listTests --testPathPatterns '\.int\.spec\.ts$' | sort | awk '/npm-start\.int\.spec\.ts$/ { print; next } { rest[n++] = $0 } END { for (i = 0; i < n; i++) print rest[i] }')
results=("$state/unit.json")
for i in "${!integration[@]}"; do
  file=${integration[$i]}
  log "integration $((i + 1))/${#integration[@]}: ${file#"$MOTCUA_ROOT"/}"
  node_modules/.bin/jest -c jest.config.js --runInBand --runTestsByPath "$file" --json --outputFile="$state/integration-$i.json"
  rc=$((rc || $?))
  results+=("$state/integration-$i.json")
done
((${#integration[@]} > 0)) || { log "ERROR: no integration suite found"; rc=1; }
# The fault suite's short run (infra/chaos: servers of its own on free ports, each fault once;
# fails when a dossier or an event is lost or doubled, or the read model differs from the topic).
log "fault suite: npm run chaos -- --quick"
bash infra/chaos/chaos.sh --quick --no-build >"$state/chaos.out"
chaos_rc=$?
tail -n 1 "$state/chaos.out" >&2
node -e 'const ok = process.argv[1] === "0"; require("node:fs").writeFileSync(process.argv[2], JSON.stringify({ numPassedTests: ok ? 1 : 0, numFailedTests: ok ? 0 : 1, numRuntimeErrorTestSuites: 0, numPendingTests: 0 }))' "$chaos_rc" "$state/chaos.json"
results+=("$state/chaos.json")
rc=$((rc || chaos_rc))
set -e
# A closing line CI can read whatever the runner: "tests: N passed, N failed, N skipped".
node -e '
  const runs = process.argv.slice(1).map((f) => { try { return require(f); } catch { return null; } });
  const sum = (k) => runs.reduce((n, r) => n + (r ? r[k] : 0), 0);
  const broken = runs.filter((r) => !r).length;
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests") + sum("numRuntimeErrorTestSuites") + broken} failed, ${sum("numPendingTests")} skipped`);
' "${results[@]}" || true
log "npm test finished in $(elapsed_s "$t0")s"
exit "$rc"
