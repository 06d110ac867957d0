#!/usr/bin/env bash
# Installs everything the auditor needs on a fresh Debian 12 machine; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium chromium-headless-shell chromium-driver fonts-dejavu-core poppler-utils
              dovecot-imapd dovecot-lmtpd dovecot-sieve postfix
              postgresql redis-server)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo ">> apt: installing ${missing[*]}" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    # postfix asks questions unless told not to
    echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo ">> creating .venv" >&2
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
    echo ">> pip: installing the auditor and its dependencies" >&2
    .venv/bin/pip install -q --upgrade pip
    .venv/bin/pip install -q -e ".[test]" --config-settings editable_mode=compat \
        2>&1 | { grep -v "is ignored: it is neither" || true; } >&2
    rm -f .venv/.installed-*; touch "$stamp"
fi

stamp=node_modules/.installed-$(sha256sum package.json | cut -c1-16)
if [ ! -f "$stamp" ]; then
    echo ">> npm: installing axe-core" >&2
    npm install --no-audit --no-fund --silent >/dev/null
    rm -f node_modules/.installed-*; touch "$stamp"
fi
