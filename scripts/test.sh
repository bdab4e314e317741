#!/usr/bin/env bash
# The whole test suite, from a fresh machine: install what the tests need, lint, check layering, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh dev
echo "== system packages for the browser tests (Debian chromium, fonts)"
bash scripts/install-browser-deps.sh
echo "== ruff"
.venv/bin/ruff check src tests benchmarks scripts
echo "== mypy"
.venv/bin/mypy
echo "== import layering (import-linter)"
.venv/bin/lint-imports
echo "== pytest"
.venv/bin/pytest "$@"
