#!/usr/bin/env bash
# npm run alerts:listen [-- --port N]
# A local receiver of the projector's near-due and overdue alerts (apps/projector/src/alerts/alerts-listen.ts):
# verifies each request's Standard Webhooks signature with ALERT_WEBHOOK_SECRET, prints each alert
# as one JSON line on stdout, refuses bad signatures. README "Alerts out of the page".
set -euo pipefail
LOG_TAG=alerts
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$MOTCUA_LOCAL_DIR/node-deps.sh"
exec "$MOTCUA_ROOT/node_modules/.bin/tsx" --tsconfig "$MOTCUA_ROOT/tsconfig.json" "$MOTCUA_ROOT/apps/projector/src/alerts/alerts-listen.ts" "$@"
