"""Dramatiq actors. Imported by `auditor worker` (and by the coordinator to send messages)."""

from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auditor.settings")
django.setup()

import dramatiq  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from scheduler.distributed import PROBE_TIME_LIMIT_MS, QUEUE, configure, limiter_for  # noqa: E402

HOST_BUSY_DELAY_MS = 5_000

if not settings.AUDITOR.broker_url:
    raise SystemExit("AUDITOR_BROKER_URL nie jest ustawiony (np. redis://127.0.0.1:6379/0).")
configure(settings.AUDITOR.broker_url)


@dramatiq.actor(
    queue_name=QUEUE,
    max_retries=5,
    min_backoff=2_000,
    max_backoff=60_000,
    time_limit=PROBE_TIME_LIMIT_MS,
)
def run_probe(run_id: int, host: str) -> None:
    from dramatiq.rate_limits import RateLimitExceeded

    from scheduler.execute import execute

    try:
        # One probe at a time per host across the cluster; when another worker is there,
        # come back later instead of spending a retry.
        with limiter_for(host).acquire():
            execute(run_id)
    except RateLimitExceeded:
        run_probe.send_with_options(args=(run_id, host), delay=HOST_BUSY_DELAY_MS)
    finally:
        connection.close()
