"""Driving a sweep to completion through the distributed queue."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import close_old_connections

from results.models import Sweep
from scheduler.execute import claimable
from scheduler.pool import host_of
from scheduler.sweeps import SweepProgress, progress


def send_due(sweep: Sweep) -> int:
    """Send a message for every run that can be claimed now; duplicates are harmless."""
    from scheduler.tasks import run_probe

    sent = 0
    for run in sweep.runs.filter(claimable()).select_related("participant"):
        run_probe.send(run.pk, host_of(run))
        sent += 1
    return sent


def drive(
    sweep: Sweep,
    on_progress: Callable[[SweepProgress], None] | None = None,
    resend_every: float = 10.0,
    poll_seconds: float = 1.0,
) -> SweepProgress:
    last_send = 0.0
    while True:
        close_old_connections()
        now = time.monotonic()
        if now - last_send >= resend_every:
            send_due(sweep)
            last_send = now
        current = progress(sweep)
        if on_progress:
            on_progress(current)
        if current.finished == current.total:
            return current
        time.sleep(poll_seconds)
