"""The embedded executor: an asyncio pool in this process, bounded, polite per host.

Probe runs execute in worker threads (probes are blocking code: a browser, SMTP, IMAP);
the loop hands out due runs, at most `concurrency` at a time and one per website host,
until every run of the sweep is final.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from urllib.parse import urlsplit

from django.db import close_old_connections, connection

from results.models import ProbeRun, Sweep
from scheduler.execute import claimable, execute, worker_name
from scheduler.sweeps import SweepProgress, close_if_finished, progress

DEFAULT_CONCURRENCY = 2  # Chromium is CPU-bound: about one probe per core is the optimum


def host_of(run: ProbeRun) -> str:
    if run.probe == "website":
        return urlsplit(run.participant.website).netloc.lower()
    emails = run.participant.emails or [""]
    return "mail:" + emails[0].rsplit("@", 1)[-1].lower()


def _db(fn, *args):
    """Run a query in a worker thread and give its connection back (threads are pooled)."""
    try:
        return fn(*args)
    finally:
        connection.close()


def _run_in_thread(run_id: int, worker: str) -> str:
    try:
        return execute(run_id, worker)
    finally:
        connection.close()


async def run_sweep(
    sweep: Sweep,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_progress: Callable[[SweepProgress], None] | None = None,
    poll_seconds: float = 1.0,
) -> SweepProgress:
    """Execute every run of `sweep` in this process; return the final progress."""
    busy_hosts: set[str] = set()
    in_flight: dict[asyncio.Task, tuple[str, int]] = {}
    base = worker_name()

    def due_runs() -> list[ProbeRun]:
        close_old_connections()
        return list(
            sweep.runs.filter(claimable())
            .select_related("participant")
            .order_by("not_before", "participant_id", "probe")[: concurrency * 4]
        )

    while True:
        for run in await asyncio.to_thread(_db, due_runs):
            if len(in_flight) >= concurrency:
                break
            host = host_of(run)
            if host in busy_hosts or run.pk in {rid for _, rid in in_flight.values()}:
                continue
            busy_hosts.add(host)
            task = asyncio.create_task(
                asyncio.to_thread(_run_in_thread, run.pk, f"{base}:{run.pk}")
            )
            in_flight[task] = (host, run.pk)
        current = await asyncio.to_thread(_db, progress, sweep)
        if on_progress:
            on_progress(current)
        if not in_flight:
            if current.finished == current.total:
                return current
            # Runs are waiting for their backoff or held by another process: look again soon.
            await asyncio.sleep(poll_seconds)
            continue
        done, _ = await asyncio.wait(
            in_flight, timeout=poll_seconds, return_when=asyncio.FIRST_COMPLETED
        )
        for task in done:
            busy_hosts.discard(in_flight.pop(task)[0])
            task.result()


def run_sweep_blocking(sweep: Sweep, **kwargs) -> SweepProgress:
    result = asyncio.run(run_sweep(sweep, **kwargs))
    # A sweep whose runs were all final before we started (nothing ran) is closed here.
    close_if_finished(sweep)
    return result
