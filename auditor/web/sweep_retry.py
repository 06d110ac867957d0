"""Measuring again what a sweep could not measure, without touching the sweep itself.

A not-measured run is evidence of our failure (its attempts, history and error stay as they
are); the second try is a new sweep whose key names the old one, holding only the
(participant, probe) pairs that were not measured.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from results.models import AuditLogEntry, ProbeRun, Sweep
from scheduler.sweeps import create_sweep, log_sweep

KEY_MAX = Sweep._meta.get_field("key").max_length


@dataclass(frozen=True)
class Retry:
    sweep: Sweep
    created: bool
    runs: int
    # pairs left out because the participant no longer belongs to the edition
    skipped: int

    @property
    def command(self) -> str:
        return run_command(self.sweep)


def run_command(sweep: Sweep) -> str:
    """The console command that runs a sweep, or resumes it: `sweep run` finds it by key."""
    return f"auditor sweep run --edition {sweep.edition.year} --key {shlex.quote(sweep.key)}"


def retry_key(old_key: str, now=None) -> str:
    stamp = (now or timezone.now()).strftime("%Y-%m-%dT%H:%M:%S")
    # A retry of a retry nests keys; the old key is cut so the new one fits the column.
    room = KEY_MAX - len("retry:") - len(":") - len(stamp)
    return f"retry:{old_key[:room]}:{stamp}"


def retry_not_measured(sweep: Sweep, actor: str) -> Retry | None:
    """A new sweep with this sweep's not-measured runs; None when there are none."""
    wanted = set(
        sweep.runs.filter(status=ProbeRun.Status.NOT_MEASURED).values_list(
            "participant_id", "probe"
        )
    )
    if not wanted:
        return None
    key = retry_key(sweep.key)
    with transaction.atomic():
        new, created = create_sweep(
            sweep.edition,
            probes={probe for _, probe in wanted},
            participants={pid for pid, _ in wanted},
            key=key,
            options={**(sweep.options or {}), "retry_of": sweep.pk},
        )
        if not created:  # the same organiser's second click within the same second
            return Retry(new, False, new.runs.count(), 0)
        # create_sweep makes every participant × probe; keep only the pairs not measured.
        extra = [
            pk
            for pk, pid, probe in new.runs.values_list("pk", "participant_id", "probe")
            if (pid, probe) not in wanted
        ]
        ProbeRun.objects.filter(pk__in=extra).delete()
        runs = new.runs.count()
        log_sweep(
            actor,
            AuditLogEntry.Action.SWEEP_RETRY,
            new,
            retry_of=sweep.pk,
            retry_of_key=sweep.key,
            runs=runs,
            pairs=sorted(f"{pid}:{probe}" for pid, probe in wanted)[:200],
            skipped=len(wanted) - runs,
        )
    return Retry(new, True, runs, len(wanted) - runs)
