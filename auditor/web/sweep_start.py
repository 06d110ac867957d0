"""Sweeps started and cancelled from the browser by organisers.

A start makes the sweep the way `auditor sweep run` does (scheduler.sweeps.create_sweep) and
then runs that very command, `auditor sweep run --key KEY`, in a process of its own (its own
session, so a restart of the web workers does not end it), with the web's own database and
data folder. The command resumes the sweep by its key and drives it its usual way (the
broker's coordinator when AUDITOR_BROKER_URL is set, else the in-process pool); its output
goes to `<data dir>/logs/przebieg-<id>.log`. The status page reads the runs from the database,
so it shows the progress whoever runs them. A cancel marks the runs that have not started
"not measured" (kind `cancelled`: ours, never scored, retried like any other): the command
never claims them, and a running probe finishes. Both are in the audit log.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import dj_database_url
from django import forms
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from results.models import AuditLogEntry, Edition, ProbeRun, Sweep
from rubrics.calendar import format_duration
from scheduler.sweeps import ALL_PROBES, SweepProgress, close_if_finished, create_sweep, log_sweep

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


def _database_url() -> str:
    """The database this process really uses, as a DATABASE_URL for the command (the same
    as the setting, but for a test database whose name Django changed)."""
    url = settings.AUDITOR.database_url
    db = connection.settings_dict
    if dj_database_url.parse(url).get("NAME") == db["NAME"]:
        return url
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(str(db["NAME"]))))


def command_argv(sweep: Sweep) -> list[str]:
    return [
        sys.executable,
        "-m",
        "auditor",
        "sweep",
        "run",
        "--edition",
        str(sweep.edition.year),
        "--key",
        sweep.key,
        "--no-ranking",
    ]


def log_path(sweep: Sweep) -> Path:
    return settings.AUDITOR.data_dir / "logs" / f"przebieg-{sweep.pk}.log"


def start_in_background(sweep: Sweep) -> subprocess.Popen:
    """`auditor sweep run --key KEY` in a new session, detached from this web worker."""
    log = log_path(sweep)
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "AUDITOR_DATA_DIR": str(settings.AUDITOR.data_dir),
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "auditor.settings"),
    }
    with open(log, "ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own command, no shell
            command_argv(sweep),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=str(Path(__file__).resolve().parents[2]),
            start_new_session=True,
            close_fds=True,
        )
    # Reap it when it ends, so a long-lived worker collects no zombies.
    threading.Thread(target=process.wait, name=f"sweep-{sweep.pk}-wait", daemon=True).start()
    return process


def start_sweep(
    edition: Edition, only: str, participants: list[int] | None, actor: str
) -> tuple[Sweep, int]:
    """Make the sweep (key names who and when) and log it; the caller starts it."""
    probes = [only] if only else list(ALL_PROBES)
    key = f"{actor}:{timezone.now().strftime('%Y-%m-%dT%H:%M:%S.%f')}"
    with transaction.atomic():
        sweep, _ = create_sweep(edition, probes, participants, key=key)
        runs = sweep.runs.count()
        log_sweep(
            actor,
            AuditLogEntry.Action.SWEEP_START,
            sweep,
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
        log_sweep(actor, AuditLogEntry.Action.SWEEP_CANCEL, sweep, cancelled=len(pending))
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
