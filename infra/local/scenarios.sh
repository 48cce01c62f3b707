#!/usr/bin/env bash
# npm run scenarios -- [--publish] [--record-histories DIR] <scenario files or folders>
# Runs each scenario through the real workflow code on the time-skipping Temporal server: one JSON
# line per scenario on stdout, everything else on stderr. --publish sends the events to Kafka
# (KAFKA_BROKERS, default the local stack's 127.0.0.1:9092).
set -euo pipefail
LOG_TAG=scenarios
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$MOTCUA_LOCAL_DIR/node-deps.sh"
TEMPORAL_TEST_SERVER="$("$MOTCUA_LOCAL_DIR/test-server.sh" path)"
export TEMPORAL_TEST_SERVER KAFKAJS_NO_PARTITIONER_WARNING=1
# Paths are the caller's: npm runs scripts from the project root, so resolve them against INIT_CWD.
cd "${INIT_CWD:-$PWD}"
exec "$MOTCUA_ROOT/node_modules/.bin/tsx" --tsconfig "$MOTCUA_ROOT/tsconfig.json" "$MOTCUA_ROOT/apps/scenarios/src/main.ts" "$@"
