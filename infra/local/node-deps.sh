#!/usr/bin/env bash
# Installs the npm dependencies exactly as locked (npm ci), only when package-lock.json changed
# since the last install: a stamp in node_modules holds the lock's checksum. Progress on stderr.
set -euo pipefail
LOG_TAG=npm
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$MOTCUA_ROOT"
stamp=node_modules/.motcua-lock
want=$(cksum < package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && "$(<"$stamp")" == "$want" ]]; then exit 0; fi
t0=$(now_ms)
log "installing npm dependencies from package-lock.json (first run: about a minute)"
# npm's own output to stderr: stdout may carry a command's result (the scenario runner's lines).
npm ci --no-audit --no-fund --loglevel=error --progress=false 1>&2
echo "$want" > "$stamp"
log "npm dependencies installed in $(elapsed_s "$t0")s"
