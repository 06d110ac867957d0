#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server from Debian's packages on loopback.
#   scripts/services/postgres.sh start   -> prints the DATABASE_URL to use
#   scripts/services/postgres.sh stop
# Port and folder come from AUDITOR_PG_PORT (default 55432) and AUDITOR_PG_DIR.
set -euo pipefail
PORT="${AUDITOR_PG_PORT:-55432}"
DIR="${AUDITOR_PG_DIR:-/tmp/auditor-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
RUN_AS=(runuser -u postgres --)
[ "$(id -u)" -ne 0 ] && RUN_AS=()

case "${1:-start}" in
start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
        mkdir -p "$DIR"; chmod 700 "$DIR"
        [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
        "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR" -U auditor --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
        "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
            -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    fi
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U auditor -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='auditor'" | grep -q 1 \
        || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U auditor auditor
    echo "postgres://auditor@127.0.0.1:$PORT/auditor"
    ;;
stop)
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
