"""What the scheduler runs. Module-level functions, so the persistent job store can name them.

Each job is idempotent: a website sweep's key is its job id and fire date, so a repeated
or misfired trigger resumes the sweep it already made rather than probing anyone twice.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections

from results.models import Edition, ProbeRun
from scheduler.sweeps import create_sweep

log = logging.getLogger(__name__)


def run_sweep_job(
    year: int, probes: list[str], key: str, participants: list[int] | None = None
) -> None:
    """Make (or find) the sweep named `key` and drive it to the end, then re-score."""
    close_old_connections()
    edition = Edition.objects.get(year=year)
    sweep, created = create_sweep(edition, probes, participants, key=key)
    log.info("sweep %s (%s): %s", sweep.pk, key, "created" if created else "resumed")
    if settings.AUDITOR.broker_url:
        from scheduler.coordinator import drive

        drive(sweep)
    else:
        from scheduler.pool import run_sweep_blocking

        run_sweep_blocking(sweep)
    rescore(year)
    recheck_down_sites(sweep)


def recheck_down_sites(sweep) -> None:
    """A participant found down is probed again later the same day: outage or dead site?"""
    from datetime import timedelta

    from django.utils import timezone

    from scheduler.schedule import add_one_off

    down = list(
        sweep.runs.filter(probe="website", status=ProbeRun.Status.FAILED).values_list(
            "participant_id", flat=True
        )
    )
    if down and not sweep.key.startswith("recheck:"):
        when = timezone.now() + timedelta(hours=3)
        add_one_off(
            run_sweep_job,
            job_id=f"recheck:{sweep.key}",
            when=when,
            kwargs={
                "year": sweep.edition.year,
                "probes": ["website"],
                "key": f"recheck:{sweep.key}",
                "participants": down,
            },
        )


def rescore(year: int) -> None:
    edition = Edition.objects.get(year=year)
    call_command("rescore", edition=year, rubric=edition.rubric_version)


def send_due_enquiries(year: int) -> None:
    """Send the enquiries whose moment (within office hours) has come."""
    from scheduler.email import send

    close_old_connections()
    send.send_due(Edition.objects.get(year=year))


def poll_replies() -> None:
    """Read new replies in every persona's mailbox and close enquiries past their deadline."""
    from scheduler.email import watch

    close_old_connections()
    watch.poll_all_once()
