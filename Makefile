# One command per task. `make demo` and `make test` are the README's two set-up commands.
.PHONY: setup demo test lint bench taxonomy

setup:
	bash scripts/setup-env.sh dev

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

lint:
	.venv/bin/ruff check src tests benchmarks scripts
	.venv/bin/ruff format --check src tests benchmarks scripts
	.venv/bin/mypy
	.venv/bin/lint-imports

bench:
	.venv/bin/python -m benchmarks.run

taxonomy:
	.venv/bin/python scripts/build_taxonomy.py
