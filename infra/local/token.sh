#!/usr/bin/env bash
# npm run --silent token -- --role ROLE [--agency UNIT_OR_AGENCY]
# Prints an access token of a seeded account of the local identity provider (apps/identity/src/token-cli.ts),
# nothing else on stdout. The provider is AUTH_ISSUER when set, else the one the local stack runs
# (MOTCUA_STATE_DIR, default .infra/: the issuer identity.sh recorded, if its process still runs).
set -euo pipefail
LOG_TAG=token
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$MOTCUA_LOCAL_DIR/node-deps.sh"
if [[ -z ${AUTH_ISSUER:-} ]]; then
  # Empty when no local provider runs: the command still checks its arguments (exit 2), then says so.
  AUTH_ISSUER=$("$MOTCUA_LOCAL_DIR/identity.sh" issuer 2>/dev/null || true)
  export AUTH_ISSUER
fi
exec "$MOTCUA_ROOT/node_modules/.bin/tsx" --tsconfig "$MOTCUA_ROOT/tsconfig.json" "$MOTCUA_ROOT/apps/identity/src/token-cli.ts" "$@"
