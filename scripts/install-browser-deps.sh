#!/usr/bin/env bash
# Debian's Chromium and the fonts the browser tests need (/usr/bin/chromium), plus wrk for the web load test.
# Idempotent and quiet: installs only what is missing. Never downloads a browser build of its own
# (no `playwright install`): the tests drive Debian's chromium through the playwright Python package.
set -euo pipefail
wanted=(chromium fonts-dejavu-core fonts-liberation2 fonts-noto-core wrk)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
