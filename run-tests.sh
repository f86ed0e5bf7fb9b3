#!/bin/sh
# The whole test suite: lint, types, then pytest (unit, pilot, snapshot, process tests).
# Creates .venv on first use; safe to run again.
set -eu
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
echo "== ruff"
.venv/bin/ruff check goaltui screens tests benchmarks data
.venv/bin/ruff format --check goaltui screens tests benchmarks data
echo "== mypy"
.venv/bin/mypy
echo "== import contracts"
.venv/bin/lint-imports
echo "== pytest"
.venv/bin/python -m pytest -q "$@"
