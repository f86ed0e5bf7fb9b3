#!/bin/sh
# The whole test suite: lint, types, import contracts, then pytest (unit, pilot, snapshot
# and process tests). Creates .venv on first use; safe to run again.
#
#   sh run-tests.sh                 everything (what CI and a reviewer run)
#   sh run-tests.sh --fast          the edit-test loop: unit and Pilot tests only, no lint,
#                                   types, snapshots or process tests
#   sh run-tests.sh [--fast] ARGS   ARGS go to pytest, e.g. -k checkin or -x
set -eu
cd "$(dirname "$0")"
FAST=0
if [ "${1:-}" = "--fast" ]; then
    FAST=1
    shift
fi
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ "$FAST" = 1 ]; then
    echo "== pytest (fast: unit and pilot)"
    exec .venv/bin/python -m pytest -q -m "unit or pilot" "$@"
fi
echo "== ruff"
.venv/bin/ruff check goaltui screens tests benchmarks data
.venv/bin/ruff format --check goaltui screens tests benchmarks data
echo "== mypy"
.venv/bin/mypy
echo "== import contracts"
.venv/bin/lint-imports
echo "== pytest"
.venv/bin/python -m pytest -q "$@"
