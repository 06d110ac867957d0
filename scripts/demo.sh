#!/usr/bin/env bash
# The main job on a fresh machine: installs what is needed, initialises the database and
# runs the demo over the built-in world of fictional participants. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export AUDITOR_DATA_DIR="${AUDITOR_DATA_DIR:-$PWD/var/demo}"
# The demo world lives on loopback, which probes refuse unless told otherwise.
export AUDITOR_ALLOW_PRIVATE_NETWORKS=1
A=.venv/bin/auditor

$A init
$A edition create --year 2027 --start 2027-03-01 --end 2027-05-31 --rubric 2027.1
$A participants import demo/registry.csv --edition 2027 || {
    echo "Rejestr demonstracyjny zawiera odrzucone wiersze (powyżej)." >&2; exit 1; }
$A participants list --edition 2027
$A evidence verify

cat <<MSG

Dane demonstracyjne: $AUDITOR_DATA_DIR
Panel administracyjny: $A createsuperuser, potem $A runserver i http://127.0.0.1:8000/admin/
MSG
