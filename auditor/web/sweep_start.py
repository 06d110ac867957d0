"""Sweeps started and cancelled from the browser by organisers.

A start makes the sweep the way `auditor sweep run` does (scheduler.sweeps.create_sweep) and
runs it the way the command does (the broker's coordinator when AUDITOR_BROKER_URL is set,
else the in-process pool), in a background thread, so the request returns at once. A cancel
marks the runs that have not started "not measured" (kind `cancelled`: ours, never scored,
retried like any other); a running probe finishes. Both are in the audit log.
"""

from __future__ import annotations

import logging
import threading

from django import forms
from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from results.models import AuditLogEntry, Edition, ProbeRun, Sweep
from rubrics.calendar import format_duration
from scheduler.sweeps import ALL_PROBES, SweepProgress, close_if_finished, create_sweep

log = logging.getLogger(__name__)
ONLY_CHOICES = [
    ("", "strona WWW i e-mail"),
    ("website", "tylko strona WWW"),
    ("email", "tylko e-mail"),
]
# Refresh the status page this often while a sweep runs (<meta http-equiv="refresh">).
REFRESH_SECONDS = 10


class SweepStartForm(forms.Form):
    edition = forms.TypedChoiceField(label="Edycja", coerce=int)
    only = forms.ChoiceField(label="Sondy", choices=ONLY_CHOICES, required=False)
    participants = forms.CharField(
        label="Tylko uczestnicy (numery ID, oddzielone przecinkami lub spacjami; puste = wszyscy)",
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = list(Edition.objects.order_by("-year").values_list("year", flat=True))
        self.fields["edition"].choices = [(y, str(y)) for y in years]

    def clean_participants(self) -> list[int] | None:
        text = self.cleaned_data.get("participants", "").replace(",", " ").split()
        if not text:
            return None
        try:
            return sorted({int(t) for t in text})
        except ValueError:
            raise forms.ValidationError("Podaj numery ID uczestników, np. 3, 5, 12.") from None


def _run(sweep_id: int) -> None:
    """The command's path: the broker's coordinator, else the in-process pool."""
    close_old_connections()
    try:
        sweep = Sweep.objects.get(pk=sweep_id)
        if settings.AUDITOR.broker_url:
            from scheduler.coordinator import drive

            drive(sweep)
        else:
            from scheduler.pool import run_sweep_blocking

            run_sweep_blocking(sweep)
    except Exception:  # the thread must not die silently: the sweep page shows the runs
        log.exception("Przebieg #%s przerwany", sweep_id)
    finally:
        connection.close()


def start_in_background(sweep: Sweep) -> threading.Thread:
    thread = threading.Thread(target=_run, args=(sweep.pk,), name=f"sweep-{sweep.pk}", daemon=True)
    thread.start()
    return thread


def start_sweep(
    edition: Edition, only: str, participants: list[int] | None, actor: str
) -> tuple[Sweep, int]:
    """Make the sweep (key names who and when) and log it; the caller starts it."""
    probes = [only] if only else list(ALL_PROBES)
    key = f"{actor}:{timezone.now().strftime('%Y-%m-%dT%H:%M:%S.%f')}"
    with transaction.atomic():
        sweep, _ = create_sweep(edition, probes, participants, key=key)
        runs = sweep.runs.count()
        AuditLogEntry.objects.log(
            actor,
            AuditLogEntry.Action.SWEEP_START,
            ("Sweep", sweep.pk),
            edition=edition.year,
            key=key,
            probes=probes,
            participants=participants or "wszyscy",
            runs=runs,
        )
    return sweep, runs


def cancel_sweep(sweep: Sweep, actor: str) -> int:
    """Runs not started become "not measured" (ours, cancelled); running ones finish."""
    now = timezone.now()
    with transaction.atomic():
        pending = list(
            sweep.runs.select_for_update()
            .filter(status=ProbeRun.Status.PENDING)
            .only("pk", "history")
        )
        for run in pending:
            run.status = ProbeRun.Status.NOT_MEASURED
            run.error_kind = "cancelled"
            run.error = f"anulowano ({actor})"
            run.finished_at = now
            run.history = [
                *(run.history or []),
                {"status": "cancelled", "by": actor, "at": now.isoformat()},
            ]
        ProbeRun.objects.bulk_update(
            pending, ["status", "error_kind", "error", "finished_at", "history"]
        )
        AuditLogEntry.objects.log(
            actor,
            AuditLogEntry.Action.SWEEP_CANCEL,
            ("Sweep", sweep.pk),
            edition=sweep.edition.year,
            key=sweep.key,
            cancelled=len(pending),
        )
    close_if_finished(sweep)
    return len(pending)


def time_left(sweep: Sweep, progress: SweepProgress, now=None) -> str | None:
    """The time left, from the pace of the runs finished so far; None before the first."""
    if sweep.status != Sweep.Status.RUNNING or not progress.finished:
        return None
    elapsed = ((now or timezone.now()) - sweep.created_at).total_seconds()
    if elapsed <= 0:
        return None
    left = (progress.total - progress.finished) * elapsed / progress.finished
    return format_duration(max(60.0, left)) if left > 0 else None


def last_activity(sweep: Sweep):
    run = sweep.runs.filter(finished_at__isnull=False).order_by("-finished_at").first()
    return run.finished_at if run else None
