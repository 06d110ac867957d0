"""Driving a sweep to completion through the distributed queue."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from results.models import Sweep
from scheduler.execute import claimable
from scheduler.pool import host_of
from scheduler.sweeps import SweepProgress, progress


def send_due(sweep: Sweep, sent: dict[int, datetime] | None = None) -> int:
    """Send a message for every run that can be claimed now and is not already on its way.

    A run is sent again when its lease lapsed (its worker died) or when its last message
    is older than AUDITOR_RESEND_AFTER_S (lost, or dropped after its retries). Duplicates are
    harmless: the claim lets one through.
    """
    from results.models import ProbeRun
    from scheduler.tasks import run_probe

    sent = {} if sent is None else sent
    now = timezone.now()
    count = 0
    for run in sweep.runs.filter(claimable()).select_related("participant"):
        last = sent.get(run.pk)
        due = (
            last is None
            or run.status == ProbeRun.Status.RUNNING  # lease lapsed: its worker died
            or (run.not_before is not None and run.not_before > last)  # a retry came due
            or (now - last).total_seconds() >= settings.AUDITOR.resend_after_s
        )
        if due:
            run_probe.send(run.pk, host_of(run))
            sent[run.pk] = now
            count += 1
    return count


def drive(
    sweep: Sweep,
    on_progress: Callable[[SweepProgress], None] | None = None,
    resend_every: float = 5.0,
    poll_seconds: float = 1.0,
) -> SweepProgress:
    last_send = -1e9
    sent: dict[int, datetime] = {}
    while True:
        close_old_connections()
        now = time.monotonic()
        if now - last_send >= resend_every:
            send_due(sweep, sent)
            last_send = now
        current = progress(sweep)
        if on_progress:
            on_progress(current)
        if current.finished == current.total:
            return current
        time.sleep(poll_seconds)
