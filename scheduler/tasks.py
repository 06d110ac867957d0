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
def run_probe(run_id: int, host: str) -> str:
    from scheduler.execute import execute

    try:
        # Raises RateLimitExceeded when another worker is at this host: Dramatiq retries later.
        with limiter_for(host).acquire():
            return execute(run_id)
    finally:
        connection.close()
