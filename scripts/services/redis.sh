#!/usr/bin/env bash
# Starts (or stops) a Redis server from Debian's packages on loopback, for the distributed tests.
#   scripts/services/redis.sh start   -> prints the broker URL
set -euo pipefail
PORT="${AUDITOR_REDIS_PORT:-56379}"
DIR="${AUDITOR_REDIS_DIR:-/tmp/auditor-redis-$PORT}"
case "${1:-start}" in
start)
    mkdir -p "$DIR"
    if ! redis-cli -p "$PORT" ping >/dev/null 2>&1; then
        redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DIR" --daemonize yes \
            --save "" --appendonly no --logfile "$DIR/redis.log" --pidfile "$DIR/redis.pid"
        for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
    fi
    echo "redis://127.0.0.1:$PORT/0"
    ;;
stop)
    redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
    ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
