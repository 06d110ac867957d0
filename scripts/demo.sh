#!/usr/bin/env bash
# The main job on a fresh machine: installs everything, starts the local mail world, and runs
# a whole audit sweep of the built-in demo world (websites and mystery-client e-mails),
# ending with the ranking and where to look at the evidence. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export AUDITOR_DATA_DIR="${AUDITOR_DATA_DIR:-$PWD/var/demo}"
# The demo world lives on loopback, which probes refuse unless told otherwise.
export AUDITOR_ALLOW_PRIVATE_NETWORKS=1
export AUDITOR_MAIL_PASSWORD="${AUDITOR_MAIL_PASSWORD:-haslo-testowe}"

bash scripts/services/mailworld.sh start >/dev/null
.venv/bin/auditor init
.venv/bin/auditor demo "$@"
