#!/usr/bin/env bash
# Create .venv and install roledex with the given extras (default: none). Idempotent and quiet on re-runs.
# Usage: scripts/setup-env.sh [extras]    e.g. scripts/setup-env.sh dev
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python_bin="${PYTHON:-python3}"
if ! "$python_bin" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "roledex needs Python 3.11 or newer (found: $("$python_bin" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
spec="."
[ -n "$extras" ] && spec=".[${extras}]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
