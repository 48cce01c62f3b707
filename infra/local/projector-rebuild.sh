#!/usr/bin/env bash
# npm run projector:rebuild [-- --list | -- --drop N]: a new version of the read model built from
# the event archive beside the live one, then readers switched over (apps/projector/src/rebuild).
# The store: DATABASE_URL when set, else npm start's store server (infra/local/store.sh url).
set -euo pipefail
LOG_TAG=rebuild
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MOTCUA_ROOT"
"$MOTCUA_LOCAL_DIR/node-deps.sh"
if [[ -z ${DATABASE_URL:-} ]]; then
  DATABASE_URL=$("$MOTCUA_LOCAL_DIR/store.sh" url) || die "no store: start npm start (its store server), or set DATABASE_URL"
  export DATABASE_URL
fi
exec node --import tsx --disable-warning=ExperimentalWarning apps/projector/src/rebuild/main.ts "$@"
