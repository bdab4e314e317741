#!/usr/bin/env bash
# The main job on the embedded default (SQLite): install, ingest every real data set, show what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${ROLEDEX_SHARED_DATA:-../shared/data}"
export ROLEDEX_DB="${ROLEDEX_DB:-data/roledex.db}"
bash scripts/setup-env.sh
echo "== ingesting every data set in $DATA into $ROLEDEX_DB"
.venv/bin/roledex ingest "$DATA"
.venv/bin/roledex stats
