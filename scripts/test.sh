#!/usr/bin/env bash
# The test command (README): installs what the tests need, starts the servers they use on
# loopback, lints, then runs the whole suite on SQLite and the database tests on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export AUDITOR_ALLOW_PRIVATE_NETWORKS=1
PG_URL="$(bash scripts/services/postgres.sh start)"
for svc in scripts/services/*.sh; do
    case "$svc" in */postgres.sh) continue ;; esac
    bash "$svc" start >/dev/null
done

echo ">> ruff" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo ">> pytest (SQLite)" >&2
.venv/bin/python -m pytest -p no:cacheprovider "$@"

echo ">> pytest (PostgreSQL): database tests" >&2
DATABASE_URL="$PG_URL" .venv/bin/python -m pytest -p no:cacheprovider -m db_matrix "$@"
