"""Creating sweeps and reading their progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from results.models import AuditLogEntry, Edition, Participant, ProbeRun, Sweep

ALL_PROBES = ("website", "email")


@dataclass(frozen=True)
class SweepProgress:
    total: int
    pending: int
    running: int
    done: int
    failed: int
    not_measured: int

    @property
    def finished(self) -> int:
        return self.done + self.failed + self.not_measured

    def as_dict(self) -> dict[str, int]:
        return {
            "total": self.total,
            "pending": self.pending,
            "running": self.running,
            "done": self.done,
            "failed": self.failed,
            "not_measured": self.not_measured,
        }


def log_sweep(actor: str, action: str, sweep: Sweep, **details) -> None:
    """The audit log's entry for an action on a sweep: its edition and key, then `details`."""
    AuditLogEntry.objects.log(
        actor, action, sweep, edition=sweep.edition.year, key=sweep.key, **details
    )


def create_sweep(
    edition: Edition,
    probes: Iterable[str] = ALL_PROBES,
    participants: Iterable[int] | None = None,
    key: str | None = None,
    options: dict | None = None,
) -> tuple[Sweep, bool]:
    """Make the sweep and its probe runs, or find the one this key already made."""
    probes = [p for p in ALL_PROBES if p in set(probes)]
    key = key or f"manual:{edition.year}:{timezone.now().isoformat()}"
    try:
        with transaction.atomic():
            sweep = Sweep.objects.create(
                edition=edition, key=key, probes=probes, options=options or {}
            )
            qs = edition.participants.all()
            if participants is not None:
                qs = qs.filter(pk__in=list(participants))
            runs = [
                ProbeRun(sweep=sweep, participant_id=pid, probe=probe)
                for pid in qs.order_by("pk").values_list("pk", flat=True)
                for probe in probes
            ]
            ProbeRun.objects.bulk_create(runs, ignore_conflicts=True)
            return sweep, True
    except IntegrityError:
        return Sweep.objects.get(key=key), False


def progress(sweep: Sweep) -> SweepProgress:
    counts = Counter(sweep.runs.values_list("status", flat=True))
    return SweepProgress(
        total=sum(counts.values()),
        pending=counts[ProbeRun.Status.PENDING],
        running=counts[ProbeRun.Status.RUNNING],
        done=counts[ProbeRun.Status.DONE],
        failed=counts[ProbeRun.Status.FAILED],
        not_measured=counts[ProbeRun.Status.NOT_MEASURED],
    )


def close_if_finished(sweep: Sweep) -> bool:
    """Mark the sweep done once every run reached a final state."""
    if sweep.runs.exclude(status__in=ProbeRun.FINAL).exists():
        return False
    Sweep.objects.filter(pk=sweep.pk, status=Sweep.Status.RUNNING).update(
        status=Sweep.Status.DONE, finished_at=timezone.now()
    )
    return True


def participant_snapshot(p: Participant) -> dict:
    return p.as_data("id name kind website emails region employees")


def edition_snapshot(e: Edition) -> dict:
    return {
        "year": e.year,
        "window_start": e.window_start.isoformat(),
        "window_end": e.window_end.isoformat(),
        "respect_robots": e.respect_robots,
        "rubric_version": e.rubric_version,
    }
