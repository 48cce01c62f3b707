#!/usr/bin/env bash
# Debian's Chromium for the browser tests (playwright-core drives it; no browser is downloaded).
# Usage:
#   chromium.sh path    print its path (CHROMIUM_PATH, else /usr/bin/chromium), installing it with
#                       `apt-get install -y chromium` when missing (as root, or with sudo)
# Idempotent: when the binary is there, nothing is installed or asked of apt.
set -euo pipefail
LOG_TAG=chromium
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  path)
    bin=${CHROMIUM_PATH:-/usr/bin/chromium}
    if [[ ! -x $bin ]]; then
      [[ -z ${CHROMIUM_PATH:-} ]] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
      command -v apt-get >/dev/null || die "no $bin and no apt-get: install Chromium and set CHROMIUM_PATH"
      sudo=()
      if ((EUID != 0)); then
        command -v sudo >/dev/null || die "no $bin: run 'apt-get install -y chromium' as root"
        sudo=(sudo -n)
      fi
      log "installing Debian's chromium (apt-get install -y chromium)"
      # A fresh machine may have no package lists yet; an update is harmless otherwise.
      DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y chromium >&2 ||
        { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update >&2 && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y chromium >&2; } ||
        die "apt-get install -y chromium failed (above)"
      [[ -x $bin ]] || die "$bin missing after apt-get install"
    fi
    echo "$bin"
    ;;
  *) echo "usage: $0 path" >&2; exit 2 ;;
esac
