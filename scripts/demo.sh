#!/usr/bin/env bash
# The main job on the embedded default (SQLite): install, ingest every real data set, show what it holds,
# print the comparison of the seed article's two roles, then serve the web app.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${ROLEDEX_SHARED_DATA:-../shared/data}"
export ROLEDEX_DB="${ROLEDEX_DB:-data/roledex.db}"
bash scripts/setup-env.sh
echo "== ingesting every data set in $DATA into $ROLEDEX_DB"
.venv/bin/roledex ingest "$DATA"
.venv/bin/roledex stats
echo "== Lead Machine Learning Engineer vs. Machine Learning Research Engineer"
.venv/bin/roledex compare "Lead Machine Learning Engineer" "Machine Learning Research Engineer" --format md \
  --output data/lead-mle-vs-ml-research-engineer.md
cat data/lead-mle-vs-ml-research-engineer.md
.venv/bin/roledex compare "Lead Machine Learning Engineer" "Machine Learning Research Engineer" --format html \
  --output data/lead-mle-vs-ml-research-engineer.html
if .venv/bin/roledex serve --help >/dev/null 2>&1 && [ -z "${ROLEDEX_NO_SERVE:-}" ]; then
  echo "== serving roledex at http://127.0.0.1:${ROLEDEX_PORT:-8000}/ (Ctrl-C to stop)"
  exec .venv/bin/roledex serve --port "${ROLEDEX_PORT:-8000}"
fi
